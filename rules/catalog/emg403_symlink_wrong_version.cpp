// EMG403 symlink-wrong-version: a tool links to a copy of another release than the phase needs.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "analysis/phase_detection.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg403 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::Installation;

// What the link's target is, when it is not a 7.`minor` copy of the tool.
std::optional<std::string> wrong_target(std::string_view tool, const LinkTarget& target, unsigned minor) {
  const auto& versioned = target.versioned;
  if (!versioned) return std::string("a file whose name tells no version");
  if (versioned->tool != tool) return fmt::format("a copy of `{}`", versioned->tool);
  if (!versioned->version.is_release(7, minor)) {
    return fmt::format("a {}.{} copy", versioned->version.major, versioned->version.minor);
  }
  return std::nullopt;
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  const Phase phase = context.phase.effective;
  for (std::string_view tool : inspect::emg_tools) {
    // In a downgrade only emgd goes back to 7.1; the other tools may stay on 7.2.
    if (phase == Phase::downgrade && tool != "emgd") continue;
    const unsigned minor = expected_minor(phase, tool);
    const ToolBinary* plain = context.analysis.binary(tool);
    // A plain file or a missing name is EMG401's (start, commit); in a downgrade
    // a plain emgd is the 7.1 file itself.
    if (plain == nullptr || !plain->link) continue;
    const LinkResolution& link = *plain->link;
    // A link to nothing is EMG402's, a loop EMG405's; a file outside bin/
    // tells no version by its name, and EMG404 reports the link.
    const auto runs = link.target_in_bin();
    if (!runs) continue;
    const auto wrong = wrong_target(tool, link.target, minor);
    if (!wrong) continue;
    const std::string path = fmt::format("bin/{}", tool);
    // Through more than one link, name the file it ends at.
    const std::string ends_at = link.first_hop() == *runs ? "" : fmt::format("`{}`, ", *runs);
    auto finding =
        findings.report_path(path, fmt::format("`{} -> {}` runs {}{}, but the {} phase needs a 7.{} copy of `{}`", path,
                                               link.first_hop(), ends_at, *wrong, to_string(phase), minor, tool));
    const auto target = copy_to_link(installation, tool, minor, *context.analysis.tool("emgd"));
    if (!target) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("relink bin/{} to {}", tool, *target),
                       .edits = {},
                       .actions = {relink(installation, tool, *target)}};
  }
}

}  // namespace emg403

extern const Rule emg403_symlink_wrong_version{
    .info = {.id = "EMG403",
             .name = "symlink-wrong-version",
             .phases = {Phase::start, Phase::downgrade, Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A tool links to a copy of another release than the phase needs."},
    .check = emg403::check,
};

}  // namespace emglint::rules
