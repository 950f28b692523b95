// The settings `emglint check` runs with, settled in one place: each from the
// command line, else from .emglint.toml, else from the environment ($EMGDIR,
// $EMGLOGDIR), else its default, with where it came from (what
// --show-settings prints); then what no option parser sees on its own (a
// named boot script that is missing, rule IDs given where a PATH goes).
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cli/check_arguments.h"
#include "cli/check_command.h"

namespace emglint::cli {

// One setting in force, and where it came from.
struct SettingShown {
  std::string name;
  std::string value;
  std::string source;
};

struct ResolvedCheck {
  CheckOptions options;
  std::vector<SettingShown> shown;
};

// The settings, or what is wrong with them (a usage error: exit code 2).
// Throws CLI::ValidationError for a bad value of an option, as CLI11 does.
[[nodiscard]] std::variant<ResolvedCheck, std::string> resolve_check_settings(CheckArguments arguments,
                                                                              const Environment& environment);

// `EMG2`, `emg201,EMG3`: words of a rule list, not paths.
[[nodiscard]] bool looks_like_rule_ids(std::string_view word);

}  // namespace emglint::cli
