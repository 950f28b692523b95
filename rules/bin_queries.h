// Queries over the inspected bin/ that several rules and phase detection
// share: what a tool's plain name runs, and its versioned copies per release.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspect/installation.h"
#include "inspect/versions.h"

namespace emglint::rules {

// What a tool's plain name in bin/ runs.
struct ToolResolution {
  std::optional<inspect::Version> version;  // nullopt: missing, dangling, looping or unversioned link
  bool assumed = false;                     // a regular file matching no versioned copy, taken as 7.1
  std::string evidence;                     // "bin/emgd -> emgd-7.2.0-50785"
};
[[nodiscard]] ToolResolution resolve_tool(const inspect::Installation& installation, std::string_view tool);

// Whether bin/ holds a usable versioned copy of `tool` for a release (7.1, 7.2).
struct ReleaseCopy {
  bool present = false;                          // a regular file (through links) of that release
  const inspect::BinEntry* unusable = nullptr;   // otherwise, a name of that release that is no file
};
[[nodiscard]] ReleaseCopy find_release_copy(const inspect::Installation& installation, std::string_view tool,
                                            unsigned major, unsigned minor);

// The names of the regular-file copies of `tool` for a release (7.1, 7.2), by name.
[[nodiscard]] std::vector<std::string> release_copies(const inspect::Installation& installation, std::string_view tool,
                                                      unsigned major, unsigned minor);

// The copy of `tool` of release 7.`minor` a link should point at: the only
// one, or the one of the build `emgd` runs.
[[nodiscard]] std::optional<std::string> copy_to_link(const inspect::Installation& installation,
                                                      std::string_view tool, unsigned minor);

// A versioned copy of the plain tool `plain` with the same bytes, if any.
[[nodiscard]] const inspect::BinEntry* identical_copy(const inspect::Installation& installation,
                                                      const inspect::BinEntry& plain);

}  // namespace emglint::rules
