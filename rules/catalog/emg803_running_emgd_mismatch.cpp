// EMG803 running-emgd-mismatch: a running emgd is not the binary bin/emgd resolves to.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg803 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  const inspect::BinEntry* emgd = installation.find("emgd");
  // A missing or broken bin/emgd is for EMG401, EMG402 and EMG405.
  if (emgd == nullptr || emgd->real_path.empty()) return;
  for (const auto& process : installation.running_emgd) {
    if (process.exe == emgd->real_path) continue;
    findings.report_path("bin/emgd", fmt::format("emgd (pid {}) runs {}, but bin/emgd is now {}: run `emgd -stop ; "
                                                 "emgd` to run the binary of this phase",
                                                 process.pid, process.exe, emgd->real_path));
  }
}

}  // namespace emg803

extern const Rule emg803_running_emgd_mismatch{
    .info = {.id = "EMG803",
             .name = "running-emgd-mismatch",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "A running emgd is not the binary bin/emgd resolves to.",
             .needs = report::Needs::running_system},
    .check = emg803::check,
};

}  // namespace emglint::rules
