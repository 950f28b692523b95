// EMG501 open-files-too-low: a known open-files limit is below twice the connector instances.
#include <fmt/format.h>

#include "analysis/open_files.h"
#include "inspect/rc_local_facts.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg501 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const std::int64_t needed = *context.facts.open_files_needed;
  for (const OpenFilesLimit& limit : context.analysis.open_files_limits) {
    if (limit.unresolved) {
      // Set, but to what cannot be read: say so rather than call it missing or low.
      const auto& rc_local = *context.rc_local;
      const auto& command = rc_local.model.commands[limit.rc_local_command];
      // A `$NAME` nothing sets, or bash's `hard` and `soft`: the limits in force at boot.
      const bool variable = limit.unresolved->starts_with('$');
      auto finding =
          findings.report_in(rc_local.path, rc_local_line_span(rc_local, command.line),
                             fmt::format("the open-files limit `{}` at {} cannot be compared with the {} EMG needs: {}",
                                         context.analysis.index.quoted(*limit.unresolved), limit.where, needed,
                                         variable ? "no plain assignment before it sets its value"
                                                  : "it stands for a limit in force at boot"),
                             rc_local.model.lines[command.line - 1]);
      finding->severity = Severity::warning;
      continue;
    }
    if (limit.limit < 0 || limit.limit >= needed) continue;
    const std::string message =
        fmt::format("the open-files limit {} from {} is below {}, twice the {} connector instances", limit.limit,
                    limit.where, needed, context.facts.connector_instances);
    switch (limit.source) {
      case OpenFilesLimit::Source::option: findings.report_path(context.config_file, message); break;
      case OpenFilesLimit::Source::pam:
        findings.report_path(limit.file, message + "; pam_limits sets it when su starts the watchdog: raise it there");
        break;
      case OpenFilesLimit::Source::process:
        findings.report_path(limit.where, message + "; raise it where emgd is started, then restart emgd");
        break;
      case OpenFilesLimit::Source::rc_local: {
        const auto& rc_local = *context.rc_local;
        const auto& command = rc_local.model.commands[limit.rc_local_command];
        const auto span = ulimit_value_span(rc_local, command, std::to_string(limit.limit));
        if (!span) {
          findings.report_path(rc_local.path, message);
          break;
        }
        auto finding = findings.report_in(rc_local.path, *span, message, rc_local.model.lines[command.line - 1]);
        if (!context.analysis.recommended_ulimit) break;  // above fs.nr_open: no value to raise it to
        const std::string raised = std::to_string(*context.analysis.recommended_ulimit);
        finding->fix =
            Fix{.applicability = Applicability::safe,
                .description = fmt::format("raise `ulimit -n {}` to {}", limit.limit, raised),
                .edits = {{.file = finding->file, .span = *span, .replacement = raised, .shown_replacement = raised}},
                .actions = {}};
        break;
      }
    }
  }
}

}  // namespace emg501

extern const Rule emg501_open_files_too_low{
    .info = {.id = "EMG501",
             .name = "open-files-too-low",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::open_files,
             .summary = "A known open-files limit is below twice the connector instances.",
             .reads_config = true},
    .check = emg501::check,
};

}  // namespace emglint::rules
