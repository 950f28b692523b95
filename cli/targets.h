// Turns the PATHs of `emglint check` into targets: an installation, a lone
// config file, or every server.cfg below a config repository.
#pragma once

#include <string>
#include <vector>

#include "check/check.h"

namespace emglint::cli {

using check::TargetSpec;

struct Discovery {
  std::vector<TargetSpec> targets;
  std::vector<std::string> errors;  // "PATH: message", each worth exit code 2
};

// Repositories are walked without following directory links (no loops) and
// at most this deep.
inline constexpr int max_repository_depth = 64;

[[nodiscard]] Discovery discover_targets(const std::vector<std::string>& paths,
                                         const std::vector<std::string>& include_globs);

}  // namespace emglint::cli
