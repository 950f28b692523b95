// Read-only facts of an EMG installation, gathered once: bin/ entries and
// their links, the message store. Nothing here writes anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace emglint::inspect {

enum class EntryType { regular, symlink, directory, other, missing };

struct LinkInfo {
  std::string first_hop;   // what readlink says, as written
  std::string final_path;  // where the chain ends, absolute and normalised
  std::optional<std::string> final_name_in_bin;  // set when the chain ends directly in bin/
  bool absolute = false;     // the first hop is an absolute path
  bool leaves_bin = false;   // some hop points outside bin/
  bool dangling = false;     // the chain ends at nothing
  bool loop = false;         // the chain loops or is too deep
};

struct BinEntry {
  std::string name;
  EntryType type = EntryType::missing;  // of the entry itself (a link is `symlink`)
  EntryType final_type = EntryType::missing;  // after following links
  std::uint32_t mode = 0;   // permission bits of the final file
  std::uint32_t owner = 0;  // uid of the entry itself
  std::uint64_t size = 0;   // of the final file
  std::optional<std::uint64_t> content_hash;  // of the final regular file
  std::optional<LinkInfo> link;

  [[nodiscard]] bool owner_can_execute() const { return (mode & 0100u) != 0; }
};

enum class StoreState { absent, empty, not_empty };

struct Installation {
  std::string root;
  std::uint32_t root_owner = 0;
  bool has_bin = false;
  std::vector<BinEntry> bin;  // sorted by name
  StoreState leveldb = StoreState::absent;
  std::vector<std::string> problems;  // what could not be read, for the report

  [[nodiscard]] const BinEntry* find(std::string_view name) const;
};

// Links are followed hop by hop, at most this many, so a loop cannot hang.
inline constexpr int max_link_hops = 40;

[[nodiscard]] Installation inspect_installation(const std::string& root);

}  // namespace emglint::inspect
