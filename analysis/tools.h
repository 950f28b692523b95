// Queries over the inspected bin/ that several rules and phase detection
// share: what a tool's plain name runs, its versioned copies per release, the
// release a phase expects a tool to run, and the copy fix EMG301 and EMG308 share.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "inspect/installation.h"
#include "inspect/versions.h"
#include "report/phase.h"

namespace emglint::analysis {

// What a tool's plain name in bin/ runs. A link is followed to its end, also
// out of bin/: the last versioned name on its way names the release (a link
// to `emgd-7.2.0-50785`, itself a link into the unpacked download, runs 7.2).
struct ToolResolution {
  std::optional<inspect::Version> version;  // nullopt: missing, dangling, looping or unversioned link
  bool assumed = false;                     // a regular file matching no versioned copy, taken as 7.1
  bool link = false;                        // the plain name is a symbolic link
  std::string evidence;                     // "bin/emgd -> emgd-7.2.0-50785"
};
[[nodiscard]] ToolResolution resolve_tool(const inspect::Installation& installation, std::string_view tool);
// What each of inspect::emg_tools runs, in that order.
[[nodiscard]] std::vector<ToolResolution> resolve_tools(const inspect::Installation& installation);
// `tool`'s entry in what resolve_tools returned; nullptr for an empty list or another name.
[[nodiscard]] const ToolResolution* resolution_of(std::span<const ToolResolution> tools, std::string_view tool);

// Whether bin/ holds a usable versioned copy of `tool` for a release (7.1, 7.2).
struct ReleaseCopy {
  bool present = false;                         // a regular file (through links) of that release
  const inspect::BinEntry* unusable = nullptr;  // otherwise, a name of that release that is no file
};
[[nodiscard]] ReleaseCopy find_release_copy(const inspect::Installation& installation, std::string_view tool,
                                            unsigned major, unsigned minor);

// The names of the regular-file copies of `tool` for a release (7.1, 7.2), by name.
[[nodiscard]] std::vector<std::string> release_copies(const inspect::Installation& installation, std::string_view tool,
                                                      unsigned major, unsigned minor);

// The copy of `tool` of release 7.`minor` a link should point at: the only
// one, or the one of the build `emgd` (resolved as `emgd`) runs.
[[nodiscard]] std::optional<std::string> copy_to_link(const inspect::Installation& installation, std::string_view tool,
                                                      unsigned minor, const ToolResolution& emgd);

// A versioned copy of the plain tool `plain` with the same bytes, if any.
[[nodiscard]] const inspect::BinEntry* identical_copy(const inspect::Installation& installation,
                                                      const inspect::BinEntry& plain);

// The minor release of 7 the phase expects `tool` to run (emg-facts.md §5): 7.1
// before the start phase and for emgd after a downgrade; 7.2 otherwise (in a
// downgrade the other tools stay on 7.2).
[[nodiscard]] unsigned expected_minor(report::Phase phase, std::string_view tool);

}  // namespace emglint::analysis
