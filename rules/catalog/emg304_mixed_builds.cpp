// EMG304 mixed-builds: the versioned copies of one release are of different builds.
#include <fmt/format.h>

#include <map>
#include <utility>
#include <vector>

#include "analysis/phase_detection.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::Version;

struct Copy {
  std::string name;
  std::string tool;
  Version version;
};

// The build the copies of one release should share: the one the plain `emgd`
// runs, else the most common (the newest among equals).
Version reference_build(const std::vector<Copy>& copies, const Version* emgd_runs) {
  std::map<Version, int> counts;
  for (const auto& copy : copies) ++counts[copy.version];
  if (emgd_runs != nullptr && counts.contains(*emgd_runs)) return *emgd_runs;
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second >= best->second) best = it;
  }
  return best->first;
}

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  std::map<std::pair<unsigned, unsigned>, std::vector<Copy>> releases;
  for (const auto& entry : installation.bin) {
    auto versioned = inspect::parse_versioned_name(entry.name);
    if (!versioned || !inspect::is_emg_tool(versioned->tool)) continue;
    releases[{versioned->version.major, versioned->version.minor}].push_back(
        {entry.name, std::move(versioned->tool), versioned->version});
  }
  const ToolResolution& emgd = *context.analysis.tool("emgd");
  // A plain file matching no copy is only assumed to be 7.1: no build to prefer.
  const Version* emgd_runs = emgd.version && !emgd.assumed ? &*emgd.version : nullptr;
  for (const auto& [release, copies] : releases) {
    const Version reference = reference_build(copies, emgd_runs);
    // Name the copy of the reference build that readers know best: emgd's, when there is one.
    const Copy* witness = nullptr;
    for (const auto& copy : copies) {
      if (copy.version == reference && (witness == nullptr || copy.tool == "emgd")) witness = &copy;
    }
    for (const auto& copy : copies) {
      if (copy.version == reference) continue;
      findings.report_path("bin/" + copy.name,
                           fmt::format("`{}` beside `{}`: the {}.{} copies are not all build {}", copy.name,
                                       witness->name, release.first, release.second, reference.to_string()));
    }
  }
}

}  // namespace

extern const Rule emg304_mixed_builds{
    .info = {.id = "EMG304",
             .name = "mixed-builds",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "The versioned copies of one release do not share one version-build."},
    .check = check,
};

}  // namespace emglint::rules
