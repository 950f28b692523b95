#include "analysis/distribution.h"

#include <fmt/format.h>

#include <set>

namespace emglint::analysis {

namespace {

using inspect::BinEntry;
using inspect::EntryType;
using inspect::ProbeResult;
using inspect::Version;

// The 7.2 versions the distribution's names show, and those of its plain tools
// that a 7.2 copy in bin/ already matches byte for byte.
std::set<Version> shown_versions(const inspect::Installation& installation) {
  std::set<Version> seen;
  for (const BinEntry& shipped : *installation.dist) {
    if (shipped.final_type != EntryType::regular) continue;
    if (const auto versioned = inspect::parse_versioned_name(shipped.name)) {
      if (inspect::is_emg_tool(versioned->tool) && versioned->version.is_release(7, 2)) seen.insert(versioned->version);
      continue;
    }
    if (!inspect::is_emg_tool(shipped.name) || !shipped.content_hash) continue;
    for (const BinEntry& copy : installation.bin) {
      const auto versioned = inspect::parse_versioned_name(copy.name);
      if (versioned && versioned->tool == shipped.name && versioned->version.is_release(7, 2) &&
          copy.final_type == EntryType::regular && copy.content_hash == shipped.content_hash) {
        seen.insert(versioned->version);
      }
    }
  }
  return seen;
}

// Why the emgd that was asked names no copy; empty when it answered a 7.2 version.
std::string unusable_answer(const ProbeResult& probe) {
  if (probe.outcome != ProbeResult::Outcome::answered) {
    return fmt::format("asking the distribution's emgd -v failed ({})", probe.detail);
  }
  if (!probe.version) {
    return probe.detail.empty() ? "the distribution's emgd printed no version for -v"
                                : fmt::format("the distribution's emgd printed no version for -v ({})", probe.detail);
  }
  if (!probe.version->is_release(7, 2)) {
    return fmt::format("the distribution's emgd answers {} to -v, not a 7.2 version", probe.version->to_string());
  }
  return {};
}

}  // namespace

DistributionRelease distribution_release(const inspect::Installation& installation) {
  DistributionRelease release;
  if (!installation.dist) return release;
  std::set<Version> seen = shown_versions(installation);
  if (const auto& probe = installation.dist_emgd_probe) {
    // A download whose emgd does not say 7.2 is not the release its names claim, or not one at all.
    release.unknown_because = unusable_answer(*probe);
    if (!release.unknown_because.empty()) return release;
    seen.insert(*probe->version);
  }
  if (seen.size() == 1) {
    release.version = *seen.begin();
    return release;
  }
  if (seen.size() > 1) {
    std::string builds;
    for (const Version& version : seen) builds += (builds.empty() ? "" : ", ") + version.to_string();
    release.unknown_because =
        fmt::format("the distribution shows several 7.2 builds ({}), so the copy's name is ambiguous", builds);
    return release;
  }
  const BinEntry* emgd = inspect::find_entry(*installation.dist, "emgd");
  if (emgd == nullptr || emgd->final_type != EntryType::regular) {
    release.unknown_because = "the distribution's names carry no version, and it has no emgd whose -v would tell it";
    return release;
  }
  release.needs_probe = true;
  release.unknown_because = "the distribution's names carry no version, so naming the copy needs --probe-versions";
  return release;
}

}  // namespace emglint::analysis
