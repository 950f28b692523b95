#include "rules/text_edits.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "analysis/inline_suppressions.h"

namespace emglint::rules {

namespace {

// The length of the line terminator at `offset`: 2 for CRLF, 1 for LF, 0 at
// the end of a file without a final newline.
std::size_t terminator_size(std::string_view source, std::size_t offset) {
  const std::string_view rest = source.substr(std::min(offset, source.size()));
  if (rest.starts_with("\r\n")) return 2;
  if (rest.starts_with('\n')) return 1;
  return 0;
}

Span point(std::size_t line, std::size_t column, std::size_t offset) {
  return {.line = line, .column = column, .end_line = line, .end_column = column, .begin = offset, .end = offset};
}

// The model's lines as the line edits read them, where each starts: a
// server.cfg keeps no second index of its lines.
struct ConfigLineStarts {
  const config::ConfigModel& config;
  [[nodiscard]] std::size_t size() const { return config.lines.size(); }
  [[nodiscard]] std::size_t operator[](std::size_t index) const { return config.lines[index].begin; }
};

template <typename LineStarts>
Span span_of_line(std::string_view source, const LineStarts& line_starts, std::size_t line) {
  const std::size_t begin = line_starts[line - 1];
  const std::size_t next = line < line_starts.size() ? line_starts[line] : source.size();
  std::string_view text = source.substr(begin, next - begin);
  text = text.substr(0, text.find('\n'));
  if (text.ends_with('\r')) text.remove_suffix(1);
  return {.line = line,
          .column = 1,
          .end_line = line,
          .end_column = text.size() + 1,
          .begin = begin,
          .end = begin + text.size()};
}

template <typename LineStarts>
TextEdit insert_line_at(FileId file, std::string_view source, const LineStarts& line_starts, std::size_t line,
                        std::string_view text) {
  const std::string_view eol = line_ending(source);
  const std::size_t count = line_starts.size();
  if (line >= 1 && line <= count) {
    return {.file = file,
            .span = point(line, 1, line_starts[line - 1]),
            .replacement = std::string(text) + std::string(eol),
            .shown_replacement = {}};
  }
  const std::size_t end = source.size();
  if (count == 0) {
    return {.file = file,
            .span = point(1, 1, end),
            .replacement = std::string(text) + std::string(eol),
            .shown_replacement = {}};
  }
  const Span last = span_of_line(source, line_starts, count);
  if (terminator_size(source, last.end) > 0) {
    return {.file = file,
            .span = point(count + 1, 1, end),
            .replacement = std::string(text) + std::string(eol),
            .shown_replacement = {}};
  }
  // The last line has no terminator: give it one, and keep the file without a final newline.
  return {.file = file,
          .span = point(count, last.end_column, end),
          .replacement = std::string(eol) + std::string(text),
          .shown_replacement = {}};
}

template <typename LineStarts>
TextEdit delete_line_at(FileId file, std::string_view source, const LineStarts& line_starts, std::size_t line) {
  const std::size_t count = line_starts.size();
  Span span = span_of_line(source, line_starts, line);
  if (line < count) {
    span.end_line = line + 1;
    span.end_column = 1;
    span.end = line_starts[line];
  } else if (const std::size_t terminator = terminator_size(source, span.end); terminator > 0) {
    span.end_line = line + 1;
    span.end_column = 1;
    span.end += terminator;
  } else if (line > 1) {
    // The last line without a final newline: take the terminator before it.
    const Span previous = span_of_line(source, line_starts, line - 1);
    span.line = previous.line;
    span.column = previous.end_column;
    span.begin = previous.end;
  }
  return {.file = file, .span = span, .replacement = {}, .shown_replacement = {}};
}

}  // namespace

std::string_view line_ending(std::string_view source) {
  const auto newline = source.find('\n');
  return newline != std::string_view::npos && newline > 0 && source[newline - 1] == '\r' ? "\r\n" : "\n";
}

Span line_span(std::string_view source, std::span<const std::size_t> line_starts, std::size_t line) {
  return span_of_line(source, line_starts, line);
}

TextEdit insert_line_before(FileId file, std::string_view source, std::span<const std::size_t> line_starts,
                            std::size_t line, std::string_view text) {
  return insert_line_at(file, source, line_starts, line, text);
}

TextEdit insert_line_before(const analysis::ConfigIndex& index, FileId file, std::size_t line, std::string_view text) {
  return insert_line_at(file, index.config().source, ConfigLineStarts{index.config()}, line, text);
}

TextEdit delete_line(FileId file, std::string_view source, std::span<const std::size_t> line_starts, std::size_t line) {
  return delete_line_at(file, source, line_starts, line);
}

TextEdit delete_line(const analysis::ConfigIndex& index, FileId file, std::size_t line) {
  return delete_line_at(file, index.config().source, ConfigLineStarts{index.config()}, line);
}

TextEdit comment_out_line(const analysis::ConfigIndex& index, FileId file, std::size_t line) {
  const config::Line& target = index.config().lines.at(line - 1);
  return {.file = file, .span = point(line, 1, target.begin), .replacement = "#", .shown_replacement = {}};
}

Span rc_local_line_span(const inspect::RcLocalFacts& rc_local, std::size_t line) {
  return line_span(rc_local.model.source, rc_local.model.line_offsets, line);
}

TextEdit insert_rc_local_line(const inspect::RcLocalFacts& rc_local, FileId file, std::size_t before_line,
                              const std::string& text) {
  return insert_line_before(file, rc_local.model.source, rc_local.model.line_offsets, before_line, text);
}

TextEdit delete_rc_local_line(const inspect::RcLocalFacts& rc_local, FileId file, std::size_t line) {
  return delete_line(file, rc_local.model.source, rc_local.model.line_offsets, line);
}

std::optional<Span> ulimit_value_span(const inspect::RcLocalFacts& rc_local, const rclocal::ShellCommand& command,
                                      std::string_view value) {
  if (value.empty()) return std::nullopt;
  const std::string& text = rc_local.model.lines[command.line - 1];
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  const auto letters = [](std::string_view word) {
    return std::all_of(word.begin(), word.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  };
  // `-n`, `-Sn`: an option word whose last letter is n, the option taking the value.
  const auto names_n = [&](std::string_view word) {
    return word.size() >= 2 && word.front() == '-' && word.back() == 'n' && letters(word.substr(1));
  };
  // The word that ends at `end`, blanks before `end` skipped.
  const auto word_before = [&](std::size_t end) {
    while (end > 0 && blank(text[end - 1])) --end;
    std::size_t begin = end;
    while (begin > 0 && !blank(text[begin - 1])) --begin;
    return std::string_view(text).substr(begin, end - begin);
  };
  for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at + 1)) {
    std::size_t begin = at;
    std::size_t end = at + value.size();
    if (begin > 0 && end < text.size() && (text[begin - 1] == '"' || text[begin - 1] == '\'') &&
        text[end] == text[begin - 1]) {
      --begin;
      ++end;
    }
    if (end < text.size() && !blank(text[end]) &&
        std::string_view(";&|)'\"").find(text[end]) == std::string_view::npos) {
      continue;  // part of a longer word
    }
    bool after_n = false;
    if (begin > 0 && !blank(text[begin - 1])) {
      after_n = names_n(word_before(begin));  // joined: `-n4096`
    } else {
      // Separate: `-n 4096`, or with `-H`, `-S` or `--` between (`-n -H 4096`).
      std::size_t before = begin;
      std::string_view flag = word_before(before);
      while (!flag.empty() && flag.front() == '-' && !names_n(flag) &&
             (flag == "--" || flag.find_first_not_of("HS", 1) == std::string_view::npos)) {
        before = static_cast<std::size_t>(flag.data() - text.data());
        flag = word_before(before);
      }
      after_n = names_n(flag);
    }
    if (!after_n) continue;
    const std::size_t offset = rc_local.model.line_offsets[command.line - 1];
    return Span{command.line, begin + 1, command.line, end + 1, offset + begin, offset + end};
  }
  return std::nullopt;
}

Span option_text_span(const config::Option& option) {
  const Span key = option.key_span();
  const Span last = option.value_span().value_or(key);
  return {.line = key.line,
          .column = key.column,
          .end_line = last.end_line,
          .end_column = last.end_column,
          .begin = key.begin,
          .end = last.end};
}

std::size_t top_of_general_section(const config::ConfigModel& config) {
  for (std::size_t line = 1; line <= config.lines.size(); ++line) {
    const config::LineKind kind = config.lines[line - 1].kind;
    if (kind == config::LineKind::blank) continue;
    if (kind != config::LineKind::comment || analysis::is_inline_suppression(config.line_text(line))) return line;
  }
  return config.lines.size() + 1;
}

}  // namespace emglint::rules
