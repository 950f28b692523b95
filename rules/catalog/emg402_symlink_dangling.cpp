// EMG402 symlink-dangling: a tool's link points at nothing.
#include <fmt/format.h>

#include <vector>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg402 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  for (std::string_view tool : inspect::emg_tools) {
    const ToolBinary* plain = context.analysis.binary(tool);
    if (plain == nullptr || !plain->link) continue;
    const LinkResolution& link = *plain->link;
    // A loop is EMG405's; it does not end at nothing, it does not end.
    if (!link.dangling || link.loop) continue;
    const std::string path = fmt::format("bin/{}", tool);
    auto finding = findings.report_path(path, fmt::format("`{} -> {}` points at nothing", path, link.first_hop()));

    const unsigned minor = expected_minor(context.phase.effective, tool);
    const std::vector<std::string> candidates = release_copies(installation, tool, 7, minor);
    // With several copies of the release, which one was meant is a guess.
    if (candidates.size() != 1) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("relink bin/{} to {}", tool, candidates.front()),
                       .edits = {},
                       .actions = {relink(installation, tool, candidates.front())}};
  }
}

}  // namespace emg402

extern const Rule emg402_symlink_dangling{
    .info = {.id = "EMG402",
             .name = "symlink-dangling",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool's link points at nothing.",
             .fix_follows_phase = true},
    .check = emg402::check,
};

}  // namespace emglint::rules
