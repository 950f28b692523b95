// What the lines of EMG's log/general mean (EMG documents neither the wording
// of a start-up line nor the words that mark a problem). inspect reads the log
// once, keeping the lines by what classify_log_line says they are.
#pragma once

#include <optional>
#include <string_view>

#include "inspect/installation.h"

namespace emglint::analysis {

// The word that marks a log line as a problem, the most severe first: FATAL,
// CRITICAL, ERROR, WARNING; nullopt if none.
[[nodiscard]] std::optional<std::string_view> problem_log_word(std::string_view line);

// A start-up line: one that says `starting`, in any case.
[[nodiscard]] bool is_start_log_line(std::string_view line);

// A start-up line naming a 7.2 version is a start of 7.2; a start-up line is
// never a problem line, whatever words it holds.
[[nodiscard]] inspect::LogLineKind classify_log_line(std::string_view line);

}  // namespace emglint::analysis
