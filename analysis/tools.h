// Queries over the inspected bin/ that several rules and phase detection
// share: where each name of a tool leads, what a tool's plain name runs, its
// versioned copies per release, and the release a phase expects a tool to run.
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

// Where the links from a name of bin/ end.
struct LinkTarget {
  std::string path;                                       // absolute and normalised
  inspect::EntryType type = inspect::EntryType::missing;  // missing when the links dangle or loop
  bool in_bin = false;                                    // it lies directly in bin/
  std::optional<inspect::VersionedName> versioned;        // its file name, when that is `TOOL-7.x.y-NNNNN`
};

// A link of bin/, followed once for every rule that asks where it leads.
struct LinkResolution {
  std::vector<inspect::LinkHop> chain;  // bin/NAME itself first, then each link on the way: its path and text
  LinkTarget target;
  bool dangling = false;    // the links end at nothing
  bool loop = false;        // the links loop, or go more than inspect::max_link_hops deep
  bool absolute = false;    // bin/NAME holds an absolute path
  bool leaves_bin = false;  // some hop points outside bin/
  // The name in bin/ whose hop first points outside bin/; empty when none
  // does, or when a hop already outside bin/ leads further away.
  std::string left_bin_from;
  // The versioned names the hops reach, in order, the target's included; none for a loop.
  std::vector<inspect::VersionedName> versioned_on_the_way;

  [[nodiscard]] const std::string& first_hop() const { return chain.front().text; }
  // The name of the target, when the links end at an entry directly in bin/.
  [[nodiscard]] std::optional<std::string> target_in_bin() const;
};
[[nodiscard]] LinkResolution resolve_link(const inspect::LinkInfo& link, inspect::EntryType final_type);

// A name of bin/ that runs an EMG tool: one of the seven plain names, or a
// versioned copy of one (`emgd-7.2.0-50785`).
struct ToolBinary {
  const inspect::BinEntry* entry = nullptr;         // in the installation analysed
  std::optional<inspect::VersionedName> versioned;  // the name's own version; nullopt for a plain name
  std::optional<LinkResolution> link;               // when the name is a link
};
// Every name of bin/ that runs an EMG tool, in bin/'s order (by name).
[[nodiscard]] std::vector<ToolBinary> resolve_binaries(const inspect::Installation& installation);
// The one named `name` in what resolve_binaries returned; nullptr for none.
[[nodiscard]] const ToolBinary* binary_named(std::span<const ToolBinary> binaries, std::string_view name);

// What a tool's plain name in bin/ runs. A link is followed to its end, also
// out of bin/: the last versioned name on its way names the release (a link
// to `emgd-7.2.0-50785`, itself a link into the unpacked download, runs 7.2).
struct ToolResolution {
  std::optional<inspect::Version> version;  // nullopt: missing, dangling, looping or unversioned link
  bool assumed = false;                     // a regular file matching no versioned copy, taken as 7.1
  bool link = false;                        // the plain name is a symbolic link
  std::string evidence;                     // "bin/emgd -> emgd-7.2.0-50785"
};
// `binaries`: what resolve_binaries returned for `installation`.
[[nodiscard]] ToolResolution resolve_tool(const inspect::Installation& installation,
                                          std::span<const ToolBinary> binaries, std::string_view tool);
// What each of inspect::emg_tools runs, in that order.
[[nodiscard]] std::vector<ToolResolution> resolve_tools(const inspect::Installation& installation,
                                                        std::span<const ToolBinary> binaries);
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
