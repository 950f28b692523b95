// `emglint check`'s command line as given, before any setting is settled: the
// options CLI11 defines, and what it cannot check alone (options that exclude
// one another). check_settings.h turns it, with .emglint.toml and the
// environment, into the options the check runs with.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "cli/check_command.h"

namespace emglint::cli {

struct CheckArguments {
  // What an option sets as it is: paths, -o, -j, -q, --rc-local, --ulimit...
  CheckOptions options;
  // What is settled later, from these words, the settings file and the defaults.
  std::string phase = "auto";
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> known_keywords;
  std::string max_file_size;
  std::string settings_file;
  bool fix = false;
  bool diff = false;
  bool no_backup = false;
  bool show_settings = false;
  bool no_inline_ignores = false;
  const CLI::App* command = nullptr;

  // Whether `option` (as `--rc-local`) was on the command line.
  [[nodiscard]] bool given(const char* option) const { return command->count(option) > 0; }
};

// Adds `check` to `app`, writing what it parses into `arguments`.
CLI::App* add_check_command(CLI::App& app, CheckArguments& arguments);

// Throws CLI::ValidationError for options that exclude or need one another.
void require_compatible(const CheckArguments& arguments);

}  // namespace emglint::cli
