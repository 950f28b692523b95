#include "rules/bin_queries.h"

#include <fmt/format.h>

#include <algorithm>

namespace emglint::rules {

ToolResolution resolve_tool(const inspect::Installation& installation, std::string_view tool) {
  ToolResolution resolution;
  const inspect::BinEntry* entry = installation.find(tool);
  if (entry == nullptr) {
    resolution.evidence = fmt::format("bin/{} is missing", tool);
    return resolution;
  }
  if (entry->link) {
    const auto& link = *entry->link;
    resolution.evidence = fmt::format("bin/{} -> {}", tool, link.first_hop);
    if (link.dangling || link.loop || !link.final_name_in_bin) return resolution;
    if (auto versioned = inspect::parse_versioned_name(*link.final_name_in_bin)) resolution.version = versioned->version;
    return resolution;
  }
  if (entry->type != inspect::EntryType::regular) {
    resolution.evidence = fmt::format("bin/{} is not a file", tool);
    return resolution;
  }
  // A plain file: the versioned copy with the same bytes tells its version.
  for (const auto& other : installation.bin) {
    if (other.type != inspect::EntryType::regular || !other.content_hash || other.content_hash != entry->content_hash) {
      continue;
    }
    auto versioned = inspect::parse_versioned_name(other.name);
    if (versioned && versioned->tool == tool) {
      resolution.version = versioned->version;
      resolution.evidence = fmt::format("bin/{} is a copy of {}", tool, other.name);
      return resolution;
    }
  }
  resolution.version = inspect::Version{7, 1, 0, 0};
  resolution.assumed = true;
  resolution.evidence = fmt::format("bin/{} is a regular file, taken as 7.1", tool);
  return resolution;
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
                                        unsigned minor) {
  const std::vector<std::string> candidates = release_copies(installation, tool, 7, minor);
  if (candidates.size() == 1) return candidates.front();
  if (candidates.empty() || tool == "emgd") return std::nullopt;
  const ToolResolution emgd = resolve_tool(installation, "emgd");
  if (!emgd.version || emgd.assumed) return std::nullopt;
  const std::string wanted = fmt::format("{}-{}", tool, emgd.version->to_string());
  if (std::find(candidates.begin(), candidates.end(), wanted) == candidates.end()) return std::nullopt;
  return wanted;
}

const inspect::BinEntry* identical_copy(const inspect::Installation& installation, const inspect::BinEntry& plain) {
  if (!plain.content_hash) return nullptr;
  for (const auto& entry : installation.bin) {
    const auto versioned = inspect::parse_versioned_name(entry.name);
    if (versioned && versioned->tool == plain.name && entry.final_type == inspect::EntryType::regular &&
        entry.content_hash == plain.content_hash) {
      return &entry;
    }
  }
  return nullptr;
}

}  // namespace emglint::rules
