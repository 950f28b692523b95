// The writes of `--fix`, each atomic and each checked against what the check
// saw: a text file replaced with its original kept beside it, a link swapped,
// a file copied under a new name, a mode changed. Each returns an error
// message, or nullopt when done; on error nothing was changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fix/executor.h"  // shell_command, which --diff prints for each action
#include "report/finding.h"

namespace emglint::fix {

// Replaces the text file `path` (never a link: give the real path) with
// `content` when its bytes still hash to `expected_hash`. Unless `backup` is
// false, the original goes first to `PATH.emglint-bak`, or `.emglint-bak.1`,
// `.2`, ... when that exists (a backup is never overwritten); `backup_path`
// receives its name. Mode, owner and group stay.
[[nodiscard]] std::optional<std::string> replace_text_file(const std::string& path, std::uint64_t expected_hash,
                                                           std::string_view content, bool backup,
                                                           std::string* backup_path);

// Runs a filesystem action inside the installation `root` (paths relative to
// it, as findings give them), after checking the path is as `action.before`
// says. Never writes through a link, and never outside `root`.
[[nodiscard]] std::optional<std::string> apply_action(const std::string& root, const report::FsAction& action);

}  // namespace emglint::fix
