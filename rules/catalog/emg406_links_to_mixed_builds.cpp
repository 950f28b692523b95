// EMG406 links-to-mixed-builds: the tools link to 7.2 copies of different builds.
#include <fmt/format.h>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg406 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;

// bin/`tool`'s link, when it ends at a 7.2 copy of `tool` in bin/.
const LinkResolution* link_to_7_2_copy(const TargetAnalysis& analysis, std::string_view tool) {
  const ToolBinary* plain = analysis.binary(tool);
  if (plain == nullptr || !plain->link || !plain->link->target_in_bin()) return nullptr;
  const auto& versioned = plain->link->target.versioned;
  if (!versioned || versioned->tool != tool || !versioned->version.is_release(7, 2)) return nullptr;
  return &*plain->link;
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  const LinkResolution* emgd = link_to_7_2_copy(context.analysis, "emgd");
  // The tools are aligned to emgd's build; when emgd does not link to a 7.2
  // copy, EMG401-405 report emgd itself and there is no build to align to.
  if (emgd == nullptr) return;
  const inspect::Version& build = emgd->target.versioned->version;
  for (std::string_view tool : inspect::emg_tools) {
    if (tool == "emgd") continue;
    // Plain files, dangling links, loops and links to other releases are
    // EMG401-405's; this rule compares builds among 7.2 links only.
    const LinkResolution* linked = link_to_7_2_copy(context.analysis, tool);
    if (linked == nullptr || linked->target.versioned->version == build) continue;
    const std::string path = fmt::format("bin/{}", tool);
    auto finding = findings.report_path(
        path, fmt::format("`{} -> {}` runs build {}, but `bin/emgd -> {}` runs build {}", path, linked->first_hop(),
                          linked->target.versioned->version.to_string(), emgd->first_hop(), build.to_string()));
    const std::string wanted = fmt::format("{}-{}", tool, build.to_string());
    const BinEntry* copy = installation.find(wanted);
    // Without a copy of emgd's build there is nothing to relink to; EMG304 notes the mixed copies.
    if (copy == nullptr || copy->final_type != EntryType::regular) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("relink bin/{} to {}", tool, wanted),
                       .edits = {},
                       .actions = {relink(installation, tool, wanted)}};
  }
}

}  // namespace emg406

extern const Rule emg406_links_to_mixed_builds{
    .info = {.id = "EMG406",
             .name = "links-to-mixed-builds",
             .phases = {Phase::start, Phase::commit},
             .severity = Severity::warning,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "The tools link to 7.2 copies of different builds."},
    .check = emg406::check,
};

}  // namespace emglint::rules
