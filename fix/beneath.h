// The directories the fix executor writes beneath, each held open, and the
// names beneath them reached without following a link on the way: a directory
// swapped for a link after the check cannot lead a write elsewhere.
#pragma once

#include <string>

#include "inspect/file_descriptor.h"

namespace emglint::fix {

// A directory opened once, before any step runs.
struct RootDirectory {
  inspect::FileDescriptor fd;
  std::string path;         // canonical, for messages
  std::string description;  // "the installation": what messages call it
};

// A name in an open directory: what every *at call takes.
struct DirectoryEntry {
  inspect::FileDescriptor directory;
  std::string name;   // one component, never empty, `.` or `..`
  std::string shown;  // how messages name the path
};

// Opens `path` itself (no link in its last component), or throws StepFailure.
[[nodiscard]] RootDirectory open_root(const std::string& path, std::string description);

// Opens the directory of `relative` beneath `root` with openat2's
// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, or component by component where the
// kernel lacks openat2. Throws StepFailure for `..`, an absolute path, or a
// link on the way, saying where the link leads.
[[nodiscard]] DirectoryEntry open_beneath(const RootDirectory& root, const std::string& relative,
                                          const std::string& shown);

// Opens the canonical directory of the absolute `path` (a copy's source
// outside the target); its last component is left to the caller's O_NOFOLLOW.
[[nodiscard]] DirectoryEntry open_absolute(const std::string& path);

// Makes open_beneath walk component by component, as on a kernel without
// openat2, so that tests reach that path on any kernel.
void walk_without_openat2_for_testing(bool walk);

}  // namespace emglint::fix
