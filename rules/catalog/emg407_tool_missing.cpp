// EMG407 tool-missing: before the start phase, or in a downgrade, a tool's plain name is missing from bin/.
#include <fmt/format.h>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg407 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  // Without bin/ the directory holds a config, not the binaries EMG runs from.
  if (!installation.has_bin) return;
  const std::string_view phase = to_string(context.phase.effective);
  for (std::string_view tool : inspect::emg_tools) {
    if (installation.find(tool) != nullptr) continue;
    const unsigned minor = expected_minor(context.phase.effective, tool);
    auto finding = findings.report_path(
        fmt::format("bin/{}", tool),
        fmt::format("`{}` is missing from bin/: the {} phase runs it as the 7.{} binary, and the watchdog and scripts "
                    "call it by that name",
                    tool, phase, minor));
    const auto target = copy_to_link(installation, tool, minor, *context.analysis.tool("emgd"));
    if (!target) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("link bin/{} to {}", tool, *target),
                       .edits = {},
                       .actions = {relink(installation, tool, *target)}};
  }
}

}  // namespace emg407

extern const Rule emg407_tool_missing{
    .info = {.id = "EMG407",
             .name = "tool-missing",
             .phases = {Phase::prepare, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool's plain name is missing from bin/ before the start phase or in a downgrade."},
    .check = emg407::check,
};

}  // namespace emglint::rules
