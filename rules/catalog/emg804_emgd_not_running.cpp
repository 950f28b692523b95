// EMG804 emgd-not-running: no process runs an emgd from this installation's bin/.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg804 {

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  // Without bin/ the directory holds a config, not the binaries EMG runs from.
  if (!installation.has_bin || !installation.running_emgd.empty()) return;
  findings.report_path(
      "bin/emgd",
      fmt::format("no emgd runs from this installation's bin/: the {} phase ends with emgd started on the binary "
                  "bin/emgd names (`emgd -stop ; emgd` as the EMG user)",
                  to_string(context.phase.effective)));
}

}  // namespace emg804

extern const Rule emg804_emgd_not_running{
    .info = {.id = "EMG804",
             .name = "emgd-not-running",
             .phases = {Phase::start, Phase::downgrade, Phase::commit},
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "No process runs an emgd from this installation's bin/.",
             .needs = report::Needs::running_system},
    .check = emg804::check,
};

}  // namespace emglint::rules
