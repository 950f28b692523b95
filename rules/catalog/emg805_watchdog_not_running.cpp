// EMG805 watchdog-not-running: no process matches the watchdog pattern.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg805 {

void check(const CheckContext& context, Findings& findings) {
  if (!context.installation->watchdogs.empty()) return;
  auto finding = findings.report_path(
      context.config_file,
      fmt::format("no process matches the watchdog pattern `{}`: after the binaries change, the {} phase restarts "
                  "the watchdog with the command rc.local runs, or nothing restarts emgd when it stops",
                  context.settings.watchdog_pattern, to_string(context.phase.effective)));
  finding->object = "watchdog";
}

}  // namespace emg805

extern const Rule emg805_watchdog_not_running{
    .info = {.id = "EMG805",
             .name = "watchdog-not-running",
             .phases = {Phase::start, Phase::downgrade, Phase::commit},
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "No process matches the watchdog pattern.",
             .needs = report::Needs::running_system},
    .check = emg805::check,
};

}  // namespace emglint::rules
