// EMG502 open-files-unknown: no source tells the open-files limit.
#include <fmt/format.h>

#include "analysis/open_files.h"
#include "inspect/rc_local_facts.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg502 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  if (!context.analysis.open_files_limits.empty()) return;
  // A `ulimit -n` that gives the watchdog no limit is there, but tells nothing (EMG601 says why).
  const bool boot_script_has_ulimit = context.analysis.rc_local && !context.analysis.rc_local->ulimits.empty();
  const std::string message = fmt::format(
      "no open-files limit is known: {}, no running emgd, no --ulimit; EMG needs at least {} ({} connector instances)",
      boot_script_has_ulimit ? "no `ulimit -n` of the boot script sets the watchdog's limit"
                             : "no `ulimit -n` in the boot script",
      *context.facts.open_files_needed, context.facts.connector_instances);
  if (context.rc_local != nullptr) {
    findings.report_path(context.rc_local->path, message);
  } else {
    findings.report_path(context.config_file, message);
  }
}

}  // namespace emg502

extern const Rule emg502_open_files_unknown{
    .info = {.id = "EMG502",
             .name = "open-files-unknown",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "No source tells the open-files limit.",
             .reads_config = true},
    .check = emg502::check,
};

}  // namespace emglint::rules
