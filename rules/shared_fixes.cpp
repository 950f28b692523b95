#include "rules/shared_fixes.h"

#include <fmt/format.h>

#include "analysis/tools.h"

namespace emglint::rules {

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
      if (entry->link) state.link_target = entry->link->first_hop;
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

}  // namespace emglint::rules
