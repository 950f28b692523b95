// EMG605 rc-local-ulimit-not-inherited: the `ulimit -n` runs where the watchdog cannot inherit it.
#include <fmt/format.h>

#include "analysis/rc_local_analysis.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  if (!rc_local.exists || !rc_local.read_error.empty()) return;  // EMG604's case
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  // Without both lines, EMG601 and EMG603 speak; a late ulimit is EMG602's.
  if (!analysis.applied_ulimit || !analysis.watchdog || *analysis.applied_ulimit > *analysis.watchdog) return;
  const auto& ulimit = rc_local.model.commands[*analysis.applied_ulimit];
  const auto& watchdog = rc_local.model.commands[*analysis.watchdog];
  const bool same_su = ulimit.in_su && watchdog.in_su && ulimit.line == watchdog.line;

  std::string why;
  if (ulimit.in_subshell && !same_su) {
    why = "it runs in a subshell `( ... )`, whose limit ends with it";
  } else if (ulimit.in_su && !same_su) {
    why = "it runs inside another `su -c`, whose limit ends with it";
  } else if (watchdog.su_login && !same_su) {
    why = "the watchdog starts through a login `su -`, which resets limits through PAM";
  }
  if (why.empty()) return;
  findings.report_in(rc_local.path, rc_local_line_span(rc_local, ulimit.line),
                     fmt::format("the watchdog (line {}) does not inherit `ulimit -n` at line {}: {}", watchdog.line,
                                 ulimit.line, why),
                     rc_local.model.lines[ulimit.line - 1]);
}

}  // namespace

extern const Rule emg605_rc_local_ulimit_not_inherited{
    .info = {.id = "EMG605",
             .name = "rc-local-ulimit-not-inherited",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::rc_local,
             .summary = "The `ulimit -n` runs where the watchdog cannot inherit it."},
    .check = check,
};

}  // namespace emglint::rules
