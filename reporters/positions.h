// Where a finding is, counted in characters: SARIF's `unicodeCodePoints`
// columns and GitHub's annotations count characters, while a Span counts bytes.
#pragma once

#include <cstddef>
#include <optional>

#include "report/file_table.h"
#include "report/span.h"

namespace emglint::reporters {

// A span's lines, and its columns in Unicode code points, 1-based, the end
// one past the last character. A column is nullopt when the file's text was
// not kept (a log keeps only the lines rules quote) and it is not column 1.
struct CharacterRegion {
  std::size_t start_line = 1;
  std::optional<std::size_t> start_column;
  std::size_t end_line = 1;
  std::optional<std::size_t> end_column;
};

// The byte column `byte_column` (1-based) of `line` in characters: each UTF-8
// sequence before it counts one (an invalid one too, as it prints as one
// U+FFFD), and each byte past the line's end, its terminator, one.
[[nodiscard]] std::optional<std::size_t> character_column(const report::SourceFile& file, std::size_t line,
                                                          std::size_t byte_column);

// Never ends before it starts, and never starts before line 1.
[[nodiscard]] CharacterRegion character_region(const report::SourceFile& file, const report::Span& span);

}  // namespace emglint::reporters
