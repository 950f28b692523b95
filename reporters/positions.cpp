#include "reporters/positions.h"

#include <algorithm>

#include "reporters/json_writer.h"

namespace emglint::reporters {

std::optional<std::size_t> character_column(const report::SourceFile& file, std::size_t line, std::size_t byte_column) {
  if (byte_column <= 1) return 1;
  if (!file.has_text) return std::nullopt;
  const std::string_view text = file.line_text(line);
  const std::size_t before = byte_column - 1;
  const std::size_t in_text = std::min(before, text.size());
  return 1 + utf8_code_points(text.substr(0, in_text)) + (before - in_text);
}

CharacterRegion character_region(const report::SourceFile& file, const report::Span& span) {
  CharacterRegion region;
  region.start_line = std::max<std::size_t>(span.line, 1);
  region.end_line = std::max(span.end_line, region.start_line);
  region.start_column = character_column(file, region.start_line, span.column);
  // An end without its start would be read as counted from column 1.
  if (region.start_column && span.end_column > 0)
    region.end_column = character_column(file, region.end_line, span.end_column);
  if (region.end_line == region.start_line && region.start_column && region.end_column &&
      *region.end_column < *region.start_column) {
    region.end_column = region.start_column;
  }
  return region;
}

}  // namespace emglint::reporters
