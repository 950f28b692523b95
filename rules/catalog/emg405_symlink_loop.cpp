// EMG405 symlink-loop: resolving a tool's link loops or is too deep.
#include <fmt/format.h>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg405 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  for (std::string_view tool : inspect::emg_tools) {
    const ToolBinary* plain = context.analysis.binary(tool);
    if (plain == nullptr || !plain->link || !plain->link->loop) continue;
    const std::string path = fmt::format("bin/{}", tool);
    findings.report_path(path, fmt::format("`{} -> {}` never reaches a file: the links loop or are more than {} deep",
                                           path, plain->link->first_hop(), inspect::max_link_hops));
  }
}

}  // namespace emg405

extern const Rule emg405_symlink_loop{
    .info = {.id = "EMG405",
             .name = "symlink-loop",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "Resolving a tool's link loops or goes too deep."},
    .check = emg405::check,
};

}  // namespace emglint::rules
