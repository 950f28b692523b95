// Parses server.cfg bytes into a ConfigModel. Never throws on bad input: every
// syntax problem becomes a SyntaxError and parsing resumes at the next line.
#pragma once

#include <concepts>
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

// Line numbers, columns and line lengths are 32-bit: a larger file is not parsed.
inline constexpr std::size_t max_config_size = 0xFFFF'FFFF;

// The model refers to `source`, which must outlive it.
[[nodiscard]] ConfigModel parse_config(std::string_view source, std::string_view source_name = "server.cfg");
// A temporary would be gone before the model that refers to it.
template <std::same_as<std::string> Source>
ConfigModel parse_config(Source&& source, std::string_view source_name = "server.cfg") = delete;

// Number of problems PEGTL's analyze() finds in the grammar (0 means it cannot loop).
[[nodiscard]] std::size_t analyze_config_grammar();

}  // namespace emglint::config
