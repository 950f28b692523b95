// EMG602 rc-local-ulimit-after-watchdog: the `ulimit -n` comes after the watchdog start.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/rc_local_analysis.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg602 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  if (!rc_local.exists || !rc_local.read_error.empty()) return;  // EMG604's case
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  // No ulimit that could reach the watchdog is EMG601's case, no watchdog EMG603's.
  if (!analysis.applied_ulimit || !analysis.watchdog || *analysis.applied_ulimit < *analysis.watchdog) return;

  const auto& commands = rc_local.model.commands;
  const auto& ulimit = commands[*analysis.applied_ulimit];
  const auto& watchdog = commands[*analysis.watchdog];
  auto finding = findings.report_in(
      rc_local.path, rc_local_line_span(rc_local, ulimit.line),
      fmt::format("`ulimit -n` at line {} comes after the watchdog starts at line {}, so the watchdog and the emgd it "
                  "starts keep the old limit",
                  ulimit.line, watchdog.line),
      rc_local.model.lines[ulimit.line - 1]);
  // Moving a line is safe only when it holds nothing but the ulimit command.
  const bool alone_on_its_line = std::count_if(commands.begin(), commands.end(),
                                               [&](const auto& command) { return command.line == ulimit.line; }) == 1;
  if (!alone_on_its_line || ulimit.line == watchdog.line) return;
  const std::string text = rc_local.model.lines[ulimit.line - 1];
  finding->fix = Fix{.applicability = Applicability::safe,
                     .description = fmt::format("move `{}` before the watchdog line", text),
                     .edits = {insert_rc_local_line(rc_local, finding->file, watchdog.line, text),
                               delete_rc_local_line(rc_local, finding->file, ulimit.line)},
                     .actions = {}};
}

}  // namespace emg602

extern const Rule emg602_rc_local_ulimit_after_watchdog{
    .info = {.id = "EMG602",
             .name = "rc-local-ulimit-after-watchdog",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::rc_local,
             .summary = "The `ulimit -n` of the boot script comes after the watchdog start."},
    .check = emg602::check,
};

}  // namespace emglint::rules
