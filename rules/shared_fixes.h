// Fixes several rules attach alike, and what a filesystem action expects to
// find before it runs.
#pragma once

#include <optional>
#include <string_view>

#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

// What the bin/ entry is now, as a filesystem action's precondition; missing for nullptr.
[[nodiscard]] report::PathState state_of(const inspect::BinEntry* entry);

// An action that replaces (or creates) the link bin/`tool` with one to `target`.
[[nodiscard]] FsAction relink(const inspect::Installation& installation, std::string_view tool, std::string target);

// The fix of EMG301 and EMG308: copy the plain regular file `tool` to its
// versioned name, keeping mode and owner. Its version is that of a versioned
// copy with the same bytes, else its `-v` answer; with `required_minor`, only a
// 7.`required_minor` file is named (EMG301 asks for that release's copy).
// Nothing when the version is unknown or the name is taken: never overwrite.
[[nodiscard]] std::optional<Fix> copy_plain_to_versioned_name(const inspect::Installation& installation,
                                                              std::string_view tool,
                                                              std::optional<unsigned> required_minor);

// No fix removes bytes that exist nowhere else: before a step of `fix`
// replaces a regular file of bin/ whose content no other file of bin/ or of
// the distribution holds, a `keep` step gives that file a second name, its
// versioned name where its `-v` told the version and the name is free, else
// `NAME.emglint-bak` (then `.1`, `.2`, ...). The description says so.
void keep_replaced_bytes(Fix& fix, const inspect::Installation& installation);

}  // namespace emglint::rules
