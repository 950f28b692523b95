// EMG604 rc-local-unusable: the boot script is missing, not executable, has no
// shebang, exits before the watchdog line, or nests subshells too deep to follow.
#include <fmt/format.h>

#include "analysis/rc_local_analysis.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg604 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  if (!rc_local.exists) {
    findings.report_path(rc_local.path,
                         "the boot script does not exist: nothing raises the open-files limit or "
                         "starts the EMG watchdog at boot");
    return;
  }
  // An unreadable script is an input error (exit code 2), reported as such.
  if (!rc_local.read_error.empty()) return;
  if (!rc_local.executable) {
    findings.report_path(rc_local.path, "the boot script is not executable, so the system does not run it at boot");
  }
  if (!rc_local.model.has_shebang) {
    const bool empty = rc_local.model.lines.empty();
    const std::string message = "the boot script has no `#!` line: systemd's rc-local service cannot run it";
    if (empty) {
      findings.report_path(rc_local.path, message);
    } else {
      findings.report_in(rc_local.path, rc_local_line_span(rc_local, 1), message, rc_local.model.lines[0]);
    }
  }
  if (const auto line = rc_local.model.nesting_beyond_bound) {
    findings.report_in(rc_local.path, rc_local_line_span(rc_local, *line),
                       fmt::format("subshells nest more than {} deep at line {}: emglint cannot tell apart the "
                                   "subshells deeper in, so what it says of the limits there is unsure",
                                   rclocal::max_followed_nesting, *line),
                       rc_local.model.lines[*line - 1]);
  }
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  if (analysis.early_exit) {
    const auto& exit = rc_local.model.commands[*analysis.early_exit];
    const std::size_t watchdog_line = rc_local.model.commands[*analysis.watchdog].line;
    findings.report_in(rc_local.path, rc_local_line_span(rc_local, exit.line),
                       fmt::format("`exit` at line {} ends the script before the watchdog line {} is reached",
                                   exit.line, watchdog_line),
                       rc_local.model.lines[exit.line - 1]);
  }
}

}  // namespace emg604

extern const Rule emg604_rc_local_unusable{
    .info = {.id = "EMG604",
             .name = "rc-local-unusable",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::rc_local,
             .summary = "The boot script is missing, not executable, has no shebang, or exits before the watchdog."},
    .check = emg604::check,
};

}  // namespace emglint::rules
