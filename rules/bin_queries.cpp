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

const inspect::BinEntry* find_entry(std::span<const inspect::BinEntry> entries, std::string_view name) {
  const auto it = std::lower_bound(entries.begin(), entries.end(), name,
                                   [](const inspect::BinEntry& entry, std::string_view key) { return entry.name < key; });
  return it != entries.end() && it->name == name ? &*it : nullptr;
}

unsigned expected_minor(Phase phase, std::string_view tool) {
  switch (phase) {
    case Phase::prepare: return 1;
    case Phase::downgrade: return tool == "emgd" ? 1 : 2;
    case Phase::start:
    case Phase::commit: break;
  }
  return 2;
}

std::optional<Fix> copy_plain_to_versioned_name(const inspect::Installation& installation, std::string_view tool,
                                                std::optional<unsigned> required_minor) {
  const inspect::BinEntry* plain = installation.find(tool);
  if (plain == nullptr || plain->type != inspect::EntryType::regular) return std::nullopt;
  std::optional<inspect::Version> version;
  if (const inspect::BinEntry* copy = identical_copy(installation, *plain)) {
    version = inspect::parse_versioned_name(copy->name)->version;
  } else if (const inspect::ProbeResult* probe = installation.probe(tool);
             probe != nullptr && probe->outcome == inspect::ProbeResult::Outcome::answered) {
    version = probe->version;
  }
  if (!version) return std::nullopt;
  // Naming a file of another release, or of unknown build, as the one asked for would mislead the downgrade.
  if (required_minor && !version->is_release(7, *required_minor)) return std::nullopt;
  const std::string copy_name = fmt::format("{}-{}", tool, version->to_string());
  // A different file under that name already: which one is right is the operator's call.
  if (installation.find(copy_name) != nullptr) return std::nullopt;
  return Fix{.safety = FixSafety::safe,
             .description = fmt::format("copy bin/{} to bin/{}, keeping mode and owner", tool, copy_name),
             .edits = {},
             .actions = {{.kind = FsAction::Kind::copy,
                          .path = "bin/" + copy_name,
                          .target = {},
                          .from = fmt::format("bin/{}", tool),
                          .mode = {}}}};
}

}  // namespace emglint::rules
