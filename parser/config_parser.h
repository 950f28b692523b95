// Parses server.cfg bytes into a ConfigModel. Never throws on bad input: every
// syntax problem becomes a SyntaxError and parsing resumes at the next line.
#pragma once

#include <string>
#include <string_view>

#include "parser/config_model.h"

namespace emglint::config {

// Enough to read every error a person could act on, small enough that binary
// garbage does not flood a report.
inline constexpr std::size_t max_recorded_errors = 10000;

// A NUL byte this early makes a file binary, as git decides: its lines, if
// any, are not what anyone wrote as a configuration.
inline constexpr std::size_t text_probe_size = 8000;

[[nodiscard]] ConfigModel parse_config(std::string source, std::string_view source_name = "server.cfg");

// Number of problems PEGTL's analyze() finds in the grammar (0 means it cannot loop).
[[nodiscard]] std::size_t analyze_config_grammar();

}  // namespace emglint::config
