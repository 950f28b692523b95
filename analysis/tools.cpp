#include "analysis/tools.h"

#include <fmt/format.h>

#include <algorithm>

namespace emglint::analysis {

ToolResolution resolve_tool(const inspect::Installation& installation, std::string_view tool) {
  ToolResolution resolution;
  const inspect::BinEntry* entry = installation.find(tool);
  if (entry == nullptr) {
    resolution.evidence = fmt::format("bin/{} is missing", tool);
    return resolution;
  }
  if (entry->link) {
    const auto& link = *entry->link;
    resolution.link = true;
    resolution.evidence = fmt::format("bin/{} -> {}", tool, link.first_hop);
    if (link.dangling || link.loop) return resolution;
    for (auto hop = link.hop_names.rbegin(); hop != link.hop_names.rend(); ++hop) {
      const auto versioned = inspect::parse_versioned_name(*hop);
      if (!versioned) continue;
      resolution.version = versioned->version;
      if (!link.final_name_in_bin) resolution.evidence += fmt::format(" (ending at {})", link.final_path);
      return resolution;
    }
    // No name on the way tells the release: the bytes it ends at may.
    if (const inspect::BinEntry* copy = identical_copy(installation, *entry)) {
      resolution.version = inspect::parse_versioned_name(copy->name)->version;
      resolution.evidence += fmt::format(" (ending at {}, the bytes of {})", link.final_path, copy->name);
    }
    return resolution;
  }
  if (entry->type != inspect::EntryType::regular) {
    resolution.evidence = fmt::format("bin/{} is not a file", tool);
    return resolution;
  }
  // A plain file: the versioned copy with the same bytes tells its version;
  // else what it answered to -v (with --probe-versions); else it is taken as 7.1.
  if (const inspect::BinEntry* copy = identical_copy(installation, *entry)) {
    resolution.version = inspect::parse_versioned_name(copy->name)->version;
    resolution.evidence = fmt::format("bin/{} is a copy of {}", tool, copy->name);
    return resolution;
  }
  const inspect::ProbeResult* probe = installation.probe(tool);
  if (probe != nullptr && probe->outcome == inspect::ProbeResult::Outcome::answered && probe->version) {
    resolution.version = probe->version;
    resolution.evidence = fmt::format("bin/{} -v answers {}", tool, probe->version->to_string());
    return resolution;
  }
  resolution.version = inspect::Version{7, 1, 0, 0};
  resolution.assumed = true;
  resolution.evidence = fmt::format("bin/{} is a regular file, taken as 7.1", tool);
  return resolution;
}

std::vector<ToolResolution> resolve_tools(const inspect::Installation& installation) {
  std::vector<ToolResolution> tools;
  for (std::string_view tool : inspect::emg_tools) tools.push_back(resolve_tool(installation, tool));
  return tools;
}

const ToolResolution* resolution_of(std::span<const ToolResolution> tools, std::string_view tool) {
  const auto at = std::find(inspect::emg_tools.begin(), inspect::emg_tools.end(), tool);
  if (at == inspect::emg_tools.end()) return nullptr;
  const auto index = static_cast<std::size_t>(at - inspect::emg_tools.begin());
  return index < tools.size() ? &tools[index] : nullptr;
}

ReleaseCopy find_release_copy(const inspect::Installation& installation, std::string_view tool, unsigned major,
                              unsigned minor) {
  ReleaseCopy copy;
  for (const auto& entry : installation.bin) {
    const auto versioned = inspect::parse_versioned_name(entry.name);
    if (!versioned || versioned->tool != tool || !versioned->version.is_release(major, minor)) continue;
    if (entry.final_type == inspect::EntryType::regular) return {.present = true, .unusable = nullptr};
    copy.unusable = &entry;
  }
  return copy;
}

std::vector<std::string> release_copies(const inspect::Installation& installation, std::string_view tool,
                                        unsigned major, unsigned minor) {
  std::vector<std::string> names;
  for (const auto& entry : installation.bin) {
    const auto versioned = inspect::parse_versioned_name(entry.name);
    if (versioned && versioned->tool == tool && versioned->version.is_release(major, minor) &&
        entry.final_type == inspect::EntryType::regular) {
      names.push_back(entry.name);
    }
  }
  return names;
}

std::optional<std::string> copy_to_link(const inspect::Installation& installation, std::string_view tool,
                                        unsigned minor, const ToolResolution& emgd) {
  const std::vector<std::string> candidates = release_copies(installation, tool, 7, minor);
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty() || tool == "emgd") return std::nullopt;
  if (!emgd.version || emgd.assumed) return std::nullopt;
  const std::string wanted = fmt::format("{}-{}", tool, emgd.version->to_string());
  if (std::find(candidates.begin(), candidates.end(), wanted) == candidates.end()) return std::nullopt;
  return wanted;
}

const inspect::BinEntry* identical_copy(const inspect::Installation& installation, const inspect::BinEntry& plain) {
  if (!plain.content_hash) return nullptr;
  for (const auto& entry : installation.bin) {
    const auto versioned = inspect::parse_versioned_name(entry.name);
    // A versioned name that leads back to the plain file itself keeps nothing:
    // replacing the plain name would lose those bytes.
    if (versioned && versioned->tool == plain.name && entry.final_type == inspect::EntryType::regular &&
        entry.content_hash == plain.content_hash && entry.real_path != plain.real_path) {
      return &entry;
    }
  }
  return nullptr;
}

unsigned expected_minor(report::Phase phase, std::string_view tool) {
  switch (phase) {
    case report::Phase::prepare: return 1;
    case report::Phase::downgrade: return tool == "emgd" ? 1 : 2;
    case report::Phase::start:
    case report::Phase::commit: break;
  }
  return 2;
}

}  // namespace emglint::analysis
