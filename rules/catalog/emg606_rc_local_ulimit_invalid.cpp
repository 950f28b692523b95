// EMG606 rc-local-ulimit-invalid: the `ulimit -n` of the boot script sets a value the kernel or the shell refuses.
#include <fmt/format.h>

#include "analysis/rc_local_analysis.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg606 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Why the value fails, quoting it as written and, for a `$NAME`, what it holds.
std::string why_refused(const RcLocalUlimit& ulimit, const NrOpen& nr_open, const ConfigIndex& index) {
  const rclocal::OpenFilesValue& value = ulimit.value;
  const std::string word = index.quoted(value.word);
  const std::string resolved = index.quoted(value.resolved.value_or(value.word));
  const bool through_variable = resolved != word;
  const std::string ceiling = fmt::format("fs.nr_open ({}, from {})", nr_open.value, nr_open.source);
  switch (ulimit.kind) {
    case RcLocalUlimit::Value::unlimited:
      return fmt::format("{}Linux refuses `unlimited` for open files, as no limit may exceed {}",
                         through_variable ? fmt::format("`{}` holds `unlimited`, and ", word) : "", ceiling);
    case RcLocalUlimit::Value::above_nr_open:
      return through_variable ? fmt::format("`{}` holds {}, above {}, the most Linux allows", word, resolved, ceiling)
                              : fmt::format("{} is above {}, the most Linux allows", word, ceiling);
    case RcLocalUlimit::Value::not_a_number:
      return through_variable ? fmt::format("`{}` holds `{}`, which is not a number", word, resolved)
                              : fmt::format("`{}` is not a number", word);
    case RcLocalUlimit::Value::number:
    case RcLocalUlimit::Value::unknown: break;
  }
  return {};
}

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  if (!rc_local.exists || !rc_local.read_error.empty()) return;  // EMG604's case
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  const std::optional<std::int64_t> recommended = context.analysis.recommended_ulimit;
  const std::string number = recommended ? std::to_string(*recommended) : std::string();
  for (const RcLocalUlimit& ulimit : analysis.ulimits) {
    if (!ulimit.refused()) continue;
    const auto& command = rc_local.model.commands[ulimit.command];
    const std::string message =
        fmt::format("`{}` at line {} fails at boot: {}; {}; {}",
                    context.analysis.index.quoted(rclocal::command_text(command)), command.line, why_refused(ulimit, analysis.nr_open, context.analysis.index),
                    ulimit.stops_script ? "rc.local runs with `-e`, so it stops there and never starts the watchdog"
                                        : "it sets no limit",
                    recommended ? fmt::format("write {} instead", number)
                                : "no value fs.nr_open allows holds the open files EMG needs");
    const auto span = ulimit_value_span(rc_local, command, ulimit.value.word);
    auto finding = findings.report_in(rc_local.path, span ? *span : rc_local_line_span(rc_local, command.line), message,
                                      rc_local.model.lines[command.line - 1]);
    // Without the value's place on the line, or a value to write, there is nothing safe to rewrite.
    if (!span || !recommended) continue;
    finding->fix =
        Fix{.applicability = Applicability::safe,
            .description = fmt::format("replace `{}` with {}", context.analysis.index.quoted(ulimit.value.word), number),
            .edits = {{.file = finding->file, .span = *span, .replacement = number, .shown_replacement = number}},
            .actions = {}};
  }
}

}  // namespace emg606

extern const Rule emg606_rc_local_ulimit_invalid{
    .info = {.id = "EMG606",
             .name = "rc-local-ulimit-invalid",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::rc_local,
             .summary = "The `ulimit -n` of the boot script sets a value the kernel or the shell refuses."},
    .check = emg606::check,
};

}  // namespace emglint::rules
