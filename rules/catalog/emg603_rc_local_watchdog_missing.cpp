// EMG603 rc-local-watchdog-missing: no line of the boot script starts the EMG watchdog.
#include <fmt/format.h>

#include "analysis/rc_local_analysis.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg603 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  if (!rc_local.exists || !rc_local.read_error.empty()) return;  // EMG604's case
  if (context.analysis.rc_local->watchdog) return;
  findings.report_path(rc_local.path,
                       fmt::format("no command mentions `{}`: nothing starts the EMG watchdog at boot, and nothing "
                                   "restarts emgd when it stops",
                                   context.settings.watchdog_pattern));
}

}  // namespace emg603

extern const Rule emg603_rc_local_watchdog_missing{
    .info = {.id = "EMG603",
             .name = "rc-local-watchdog-missing",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::rc_local,
             .summary = "No line of the boot script starts the EMG watchdog."},
    .check = emg603::check,
};

}  // namespace emglint::rules
