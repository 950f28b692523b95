// The plain model of a server.cfg: what each line is, where it stands, and
// the exact bytes it came from, so a fix can rewrite one line and keep the rest.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/span.h"

namespace emglint::config {

// Spans are offsets into ConfigModel::source, the original file including any byte order mark.
using report::Span;

enum class LineKind { blank, comment, option, block_header, block_close, invalid };

struct Line {
  LineKind kind = LineKind::blank;
  Span span;  // the line's content, without its line terminator
};

struct Option {
  std::string key;                   // as written
  std::optional<std::string> value;  // trimmed; nullopt for a bare flag
  Span span;                         // the whole line content
  Span key_span;
  std::optional<Span> value_span;
  int block = -1;                   // index into ConfigModel::blocks, -1 for general
  bool before_first_block = false;  // only meaningful for general options
};

struct Comment {
  std::string text;  // after '#', as written (may hold Latin-1 bytes)
  Span span;         // from '#' to the end of the line
};

struct Block {
  std::string kind;  // as written
  std::string name;
  Span header_span;
  Span kind_span;
  Span name_span;
  std::optional<std::size_t> close_line;  // nullopt when never closed
  std::vector<Option> options;
};

struct SyntaxError {
  Span at;  // a single position: line and column of what was unexpected
  std::string message;
};

struct ConfigModel {
  std::string source;  // the file's bytes, untouched
  bool has_bom = false;
  // False for a binary file: it is not parsed, and its one error says where its first NUL byte is.
  bool is_text = true;
  std::vector<Line> lines;
  std::vector<Option> general;  // options outside every block, in file order
  std::vector<Block> blocks;
  std::vector<Comment> comments;
  std::vector<SyntaxError> errors;
  std::size_t errors_not_recorded = 0;  // beyond the recording cap

  // The content of a 1-based line, without its terminator; empty when out of range.
  [[nodiscard]] std::string_view line_text(std::size_t line) const;
};

}  // namespace emglint::config
