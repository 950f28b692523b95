// EMG406 links-to-mixed-builds: the tools link to 7.2 copies of different builds.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg406 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;
using inspect::VersionedName;

// The 7.2 copy of `tool` a link ends at, if it ends at one in bin/.
std::optional<VersionedName> linked_7_2_copy(const Installation& installation, std::string_view tool) {
  const BinEntry* plain = installation.find(tool);
  if (plain == nullptr || !plain->link) return std::nullopt;
  const auto& link = *plain->link;
  if (link.dangling || link.loop || !link.final_name_in_bin) return std::nullopt;
  auto versioned = inspect::parse_versioned_name(*link.final_name_in_bin);
  if (!versioned || versioned->tool != tool || !versioned->version.is_release(7, 2)) return std::nullopt;
  return versioned;
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  const auto emgd = linked_7_2_copy(installation, "emgd");
  // The tools are aligned to emgd's build; when emgd does not link to a 7.2
  // copy, EMG401-405 report emgd itself and there is no build to align to.
  if (!emgd) return;
  for (std::string_view tool : inspect::emg_tools) {
    if (tool == "emgd") continue;
    // Plain files, dangling links, loops and links to other releases are
    // EMG401-405's; this rule compares builds among 7.2 links only.
    const auto linked = linked_7_2_copy(installation, tool);
    if (!linked || linked->version == emgd->version) continue;
    const std::string path = fmt::format("bin/{}", tool);
    auto finding =
        findings.report_path(path, fmt::format("`{} -> {}` runs build {}, but `bin/emgd -> {}` runs build {}", path,
                                               installation.find(tool)->link->first_hop, linked->version.to_string(),
                                               installation.find("emgd")->link->first_hop, emgd->version.to_string()));
    const std::string wanted = fmt::format("{}-{}", tool, emgd->version.to_string());
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
