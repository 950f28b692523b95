// EMG502 open-files-unknown: no source tells the open-files limit.
#include <fmt/format.h>

#include "analysis/open_files.h"
#include "inspect/rc_local_facts.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  if (!context.analysis.open_files_limits.empty()) return;
  const std::string message = fmt::format(
      "no open-files limit is known: no `ulimit -n` in the boot script, no running emgd, no --ulimit; EMG needs at "
      "least {} ({} connector instances)",
      *context.facts.open_files_needed, context.facts.connector_instances);
  if (context.rc_local != nullptr) {
    findings.report_path(context.rc_local->path, message);
  } else {
    findings.report_path(context.config_file, message);
  }
}

}  // namespace

extern const Rule emg502_open_files_unknown{
    .info = {.id = "EMG502",
             .name = "open-files-unknown",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "No source tells the open-files limit."},
    .check = check,
};

}  // namespace emglint::rules
