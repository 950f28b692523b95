#include "rules/shared_fixes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "analysis/tools.h"

namespace emglint::rules {

namespace {

bool bytes_held_elsewhere(const inspect::Installation& installation, const inspect::BinEntry& file) {
  // A file that could not be read is like no other: two unknown contents prove nothing.
  if (!file.content_hash) return false;
  const auto same_bytes = [&](const inspect::BinEntry& other) {
    return other.final_type == inspect::EntryType::regular && other.content_hash == file.content_hash;
  };
  for (const inspect::BinEntry& entry : installation.bin) {
    if (same_bytes(entry) && entry.real_path != file.real_path) return true;
  }
  return installation.dist && std::any_of(installation.dist->begin(), installation.dist->end(), same_bytes);
}

// Where `name`'s bytes are kept: a free name no step of this run is known to take.
std::string keep_name(const inspect::Installation& installation, std::string_view name) {
  if (const inspect::ProbeResult* probe = installation.probe(name);
      inspect::is_emg_tool(name) && probe != nullptr && probe->version &&
      probe->outcome == inspect::ProbeResult::Outcome::answered) {
    std::string versioned = fmt::format("{}-{}", name, probe->version->to_string());
    if (installation.find(versioned) == nullptr) return versioned;
  }
  std::string kept = fmt::format("{}.emglint-bak", name);
  for (int number = 1; installation.find(kept) != nullptr; ++number) kept = fmt::format("{}.emglint-bak.{}", name, number);
  return kept;
}

}  // namespace

report::PathState state_of(const inspect::BinEntry* entry) {
  report::PathState state;
  if (entry == nullptr || entry->type == inspect::EntryType::missing) return state;
  switch (entry->type) {
    case inspect::EntryType::regular:
      state.type = report::PathState::Type::regular;
      state.content_hash = entry->content_hash;
      break;
    case inspect::EntryType::symlink:
      state.type = report::PathState::Type::symlink;
      if (entry->link) state.link_target = entry->link->hops.front().text;
      break;
    default: state.type = report::PathState::Type::other; break;
  }
  return state;
}

FsAction relink(const inspect::Installation& installation, std::string_view tool, std::string target) {
  return {.kind = FsAction::Kind::symlink,
          .path = fmt::format("bin/{}", tool),
          .target = std::move(target),
          .from = {},
          .mode = {},
          .before = state_of(installation.find(tool)),
          .from_hash = std::nullopt};
}

std::optional<Fix> copy_plain_to_versioned_name(const inspect::Installation& installation, std::string_view tool,
                                                std::optional<unsigned> required_minor) {
  const inspect::BinEntry* plain = installation.find(tool);
  if (plain == nullptr || plain->type != inspect::EntryType::regular) return std::nullopt;
  std::optional<inspect::Version> version;
  if (const inspect::BinEntry* copy = analysis::identical_copy(installation, *plain)) {
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
  return Fix{.applicability = Applicability::safe,
             .description = fmt::format("copy bin/{} to bin/{}, keeping mode and owner", tool, copy_name),
             .edits = {},
             .actions = {{.kind = FsAction::Kind::copy,
                          .path = "bin/" + copy_name,
                          .target = {},
                          .from = fmt::format("bin/{}", tool),
                          .mode = {},
                          .before = state_of(nullptr),
                          .from_hash = plain->content_hash}}};
}

void keep_replaced_bytes(Fix& fix, const inspect::Installation& installation) {
  std::vector<FsAction> actions;
  std::vector<std::string> kept;
  for (FsAction& action : fix.actions) {
    const bool replaces = action.kind == FsAction::Kind::symlink || action.kind == FsAction::Kind::copy;
    const std::string_view name = std::string_view(action.path).substr(std::string_view("bin/").size());
    const inspect::BinEntry* file = action.path.starts_with("bin/") ? installation.find(name) : nullptr;
    if (replaces && action.before.type == report::PathState::Type::regular && file != nullptr &&
        file->type == inspect::EntryType::regular && !bytes_held_elsewhere(installation, *file)) {
      const std::string keep_as = "bin/" + keep_name(installation, name);
      kept.push_back(fmt::format("{} as {}", action.path, keep_as));
      actions.push_back({.kind = FsAction::Kind::keep,
                         .path = keep_as,
                         .target = {},
                         .from = action.path,
                         .mode = {},
                         .before = state_of(nullptr),
                         .from_hash = action.before.content_hash});
    }
    actions.push_back(std::move(action));
  }
  fix.actions = std::move(actions);
  if (!kept.empty()) {
    fix.description += fmt::format(", first keeping {}: no other file holds its bytes", fmt::join(kept, " and "));
  }
}

}  // namespace emglint::rules
