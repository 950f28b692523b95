// EMG304 mixed-builds: the versioned copies of one release are of different builds.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/phase_detection.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg304 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::Version;

struct Copy {
  std::string name;
  std::string tool;
  Version version;
};

// The build the copies of one release should share: the most common one, so
// that the odd copy out is the one blamed, even when it is emgd's. Where
// several builds are equally common there is no odd one out: then the build the
// plain `emgd` runs when a copy has it (the one in use), else the newest of the
// most common.
Version reference_build(const std::vector<Copy>& copies, const Version* emgd_runs) {
  std::map<Version, int> counts;
  for (const auto& copy : copies) ++counts[copy.version];
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second >= best->second) best = it;
  }
  const auto most_common =
      std::count_if(counts.begin(), counts.end(), [&](const auto& build) { return build.second == best->second; });
  if (most_common > 1 && emgd_runs != nullptr && counts.contains(*emgd_runs)) return *emgd_runs;
  return best->first;
}

// What the message can say about the odd copy's own build. Only names are
// compared unless --probe-versions ran the copy.
std::string what_it_is(const inspect::Installation& installation, const Copy& copy) {
  const inspect::ProbeResult* probe = installation.probe(copy.name);
  if (probe == nullptr) {
    return fmt::format("the name `{}` says build {}", copy.name, copy.version.to_string());
  }
  if (probe->outcome == inspect::ProbeResult::Outcome::answered && probe->version == copy.version) {
    return fmt::format("`{} -v` confirms build {}", copy.name, copy.version.to_string());
  }
  // EMG303 reports what it answered instead.
  return fmt::format("the name `{}` says build {} (its `-v` disagrees)", copy.name, copy.version.to_string());
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
    std::size_t siblings = 0;
    for (const auto& copy : copies) {
      if (copy.version != reference) continue;
      ++siblings;
      if (witness == nullptr || copy.tool == "emgd") witness = &copy;
    }
    for (const auto& copy : copies) {
      if (copy.version == reference) continue;
      // Unprobed, a name may lie (a renamed copy): say that only names were compared.
      findings.report_path(
          "bin/" + copy.name,
          fmt::format(
              "{}, but its siblings' names say {} ({} of the {} copies of {}.{}, such as `{}`){}",
              what_it_is(installation, copy), reference.to_string(), siblings, copies.size(), release.first,
              release.second, witness->name,
              installation.probes.empty() ? "; only names were compared (--probe-versions asks the binaries)" : ""));
    }
  }
}

}  // namespace emg304

extern const Rule emg304_mixed_builds{
    .info = {.id = "EMG304",
             .name = "mixed-builds",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "The versioned copies of one release do not share one version-build."},
    .check = emg304::check,
};

}  // namespace emglint::rules
