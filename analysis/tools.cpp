#include "analysis/tools.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace emglint::analysis {

namespace {

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

bool runs_a_tool(const inspect::BinEntry& entry, const std::optional<inspect::VersionedName>& versioned) {
  return inspect::is_emg_tool(entry.name) || (versioned && inspect::is_emg_tool(versioned->tool));
}

}  // namespace

std::optional<std::string> LinkResolution::target_in_bin() const {
  if (dangling || loop || !target.in_bin) return std::nullopt;
  return file_name(target.path);
}

LinkResolution resolve_link(const inspect::LinkInfo& link, inspect::EntryType final_type) {
  LinkResolution resolution{
      .chain = link.hops,
      .target = {.path = link.final_path,
                 .type = final_type,
                 .in_bin = link.final_in_bin,
                 .versioned = inspect::parse_versioned_name(file_name(link.final_path))},
      .dangling = link.dangling,
      .loop = link.loop,
      .absolute = link.hops.front().text.starts_with('/'),
  };
  // Each hop points at the next link, the last one at the target.
  for (std::size_t reached = 1; reached <= link.hops.size(); ++reached) {
    const bool in_bin = reached < link.hops.size() ? link.hops[reached].in_bin : link.final_in_bin;
    if (in_bin) continue;
    resolution.leaves_bin = true;
    const inspect::LinkHop& from = link.hops[reached - 1];
    if (from.in_bin) resolution.left_bin_from = file_name(from.path);
    break;
  }
  if (link.loop) return resolution;
  for (std::size_t reached = 1; reached < link.hops.size(); ++reached) {
    if (auto versioned = inspect::parse_versioned_name(file_name(link.hops[reached].path))) {
      resolution.versioned_on_the_way.push_back(std::move(*versioned));
    }
  }
  if (resolution.target.versioned) resolution.versioned_on_the_way.push_back(*resolution.target.versioned);
  return resolution;
}

std::vector<ToolBinary> resolve_binaries(const inspect::Installation& installation) {
  std::vector<ToolBinary> binaries;
  for (const inspect::BinEntry& entry : installation.bin) {
    auto versioned = inspect::parse_versioned_name(entry.name);
    if (!runs_a_tool(entry, versioned)) continue;
    binaries.push_back(
        {.entry = &entry,
         .versioned = std::move(versioned),
         .link = entry.link ? std::optional(resolve_link(*entry.link, entry.final_type)) : std::nullopt});
  }
  return binaries;
}

const ToolBinary* binary_named(std::span<const ToolBinary> binaries, std::string_view name) {
  const auto at =
      std::lower_bound(binaries.begin(), binaries.end(), name,
                       [](const ToolBinary& binary, std::string_view key) { return binary.entry->name < key; });
  return at != binaries.end() && at->entry->name == name ? &*at : nullptr;
}

ToolResolution resolve_tool(const inspect::Installation& installation, std::span<const ToolBinary> binaries,
                            std::string_view tool) {
  ToolResolution resolution;
  const ToolBinary* binary = binary_named(binaries, tool);
  if (binary == nullptr) {
    resolution.evidence = fmt::format("bin/{} is missing", tool);
    return resolution;
  }
  const inspect::BinEntry& entry = *binary->entry;
  if (binary->link) {
    const LinkResolution& link = *binary->link;
    resolution.link = true;
    resolution.evidence = fmt::format("bin/{} -> {}", tool, link.first_hop());
    if (link.dangling || link.loop) return resolution;
    if (!link.versioned_on_the_way.empty()) {
      resolution.version = link.versioned_on_the_way.back().version;
      if (!link.target.in_bin) resolution.evidence += fmt::format(" (ending at {})", link.target.path);
      return resolution;
    }
    // No name on the way tells the release: the bytes it ends at may.
    if (const inspect::BinEntry* copy = identical_copy(installation, entry)) {
      resolution.version = inspect::parse_versioned_name(copy->name)->version;
      resolution.evidence += fmt::format(" (ending at {}, the bytes of {})", link.target.path, copy->name);
    }
    return resolution;
  }
  if (entry.type != inspect::EntryType::regular) {
    resolution.evidence = fmt::format("bin/{} is not a file", tool);
    return resolution;
  }
  // A plain file: the versioned copy with the same bytes tells its version;
  // else what it answered to -v (with --probe-versions); else it is taken as 7.1.
  if (const inspect::BinEntry* copy = identical_copy(installation, entry)) {
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

std::vector<ToolResolution> resolve_tools(const inspect::Installation& installation,
                                          std::span<const ToolBinary> binaries) {
  std::vector<ToolResolution> tools;
  for (std::string_view tool : inspect::emg_tools) tools.push_back(resolve_tool(installation, binaries, tool));
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
