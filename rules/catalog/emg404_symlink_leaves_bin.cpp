// EMG404 symlink-leaves-bin: a tool's link is absolute or leaves bin/.
#include <fmt/format.h>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg404 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  for (std::string_view tool : inspect::emg_tools) {
    const ToolBinary* plain = context.analysis.binary(tool);
    if (plain == nullptr || !plain->link) continue;
    const LinkResolution& link = *plain->link;
    // A link to nothing is EMG402's, a loop EMG405's: there is no file to relink to.
    if (link.dangling || link.loop) continue;
    // Through a versioned copy that is itself a link out of bin/, the copy is what to mend (EMG309).
    const ToolBinary* left_from = context.analysis.binary(link.left_bin_from);
    const bool leaves_through_copy = link.leaves_bin && left_from != nullptr && left_from->versioned;
    if (!link.absolute && (!link.leaves_bin || leaves_through_copy)) continue;
    const std::string path = fmt::format("bin/{}", tool);
    std::string_view what = "leads out of bin/";
    if (link.absolute)
      what = link.leaves_bin && !leaves_through_copy ? "is absolute and leads out of bin/"
                                                     : "is absolute, so it breaks when EMGDIR moves";
    auto finding = findings.report_path(path, fmt::format("`{} -> {}` {}", path, link.first_hop(), what));
    // Only a file in bin/ can be reached by a link relative within bin/.
    const auto target = link.target_in_bin();
    if (!target) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("relink bin/{} to {}, relative within bin/", tool, *target),
                       .edits = {},
                       .actions = {relink(*context.installation, tool, *target)}};
  }
}

}  // namespace emg404

extern const Rule emg404_symlink_leaves_bin{
    .info = {.id = "EMG404",
             .name = "symlink-leaves-bin",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A tool's link is absolute or leads out of bin/."},
    .check = emg404::check,
};

}  // namespace emglint::rules
