// The command line of contract.md: `check`, `rules`, `explain`, `merge`, `--version`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/check_command.h"

namespace emglint::cli {

// Parses `arguments` (without the program name), runs the command, and
// returns the exit code. Every error, expected or not, ends here.
[[nodiscard]] int run(const std::vector<std::string>& arguments, const Environment& environment, std::ostream& out,
                      std::ostream& err);

}  // namespace emglint::cli
