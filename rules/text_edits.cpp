#include "rules/text_edits.h"

#include <algorithm>

namespace emglint::rules {

namespace {

// The length of the line terminator at `offset`: 2 for CRLF, 1 for LF, 0 at
// the end of a file without a final newline.
std::size_t terminator_size(const config::ConfigModel& config, std::size_t offset) {
  const std::string_view rest = std::string_view(config.source).substr(std::min(offset, config.source.size()));
  if (rest.starts_with("\r\n")) return 2;
  if (rest.starts_with('\n')) return 1;
  return 0;
}

Span point(std::size_t line, std::size_t column, std::size_t offset) {
  return {.line = line, .column = column, .end_line = line, .end_column = column, .begin = offset, .end = offset};
}

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `# emglint: ignore ...` silences the next non-comment line (contract.md);
// `ignore-file` applies to the whole file and has no next line.
bool is_inline_suppression(std::string_view line) {
  line = trim_blanks(line);
  if (!line.starts_with('#')) return false;
  line = trim_blanks(line.substr(1));
  if (!line.starts_with("emglint:")) return false;
  line = trim_blanks(line.substr(std::string_view("emglint:").size()));
  return line.starts_with("ignore") && (line.size() == 6 || line[6] == ' ' || line[6] == '\t');
}

}  // namespace

std::string_view line_ending(const config::ConfigModel& config) { return config.crlf ? "\r\n" : "\n"; }

TextEdit insert_line_before(const config::ConfigModel& config, std::string file, std::size_t line,
                            std::string_view text) {
  const std::string_view eol = line_ending(config);
  const std::size_t count = config.lines.size();
  if (line >= 1 && line <= count) {
    const Span& before = config.lines[line - 1].span;
    return {.file = std::move(file),
            .span = point(line, before.column, before.begin),
            .replacement = std::string(text) + std::string(eol),
            .shown_replacement = {}};
  }
  const std::size_t end = config.source.size();
  if (count == 0) {
    return {.file = std::move(file),
            .span = point(1, 1, end),
            .replacement = std::string(text) + std::string(eol),
            .shown_replacement = {}};
  }
  const Span& last = config.lines.back().span;
  if (terminator_size(config, last.end) > 0) {
    return {.file = std::move(file),
            .span = point(count + 1, 1, end),
            .replacement = std::string(text) + std::string(eol),
            .shown_replacement = {}};
  }
  // The last line has no terminator: give it one, and keep the file without a final newline.
  return {.file = std::move(file),
          .span = point(count, last.end_column, end),
          .replacement = std::string(eol) + std::string(text),
          .shown_replacement = {}};
}

TextEdit delete_line(const config::ConfigModel& config, std::string file, std::size_t line) {
  const std::size_t count = config.lines.size();
  const Span& doomed = config.lines.at(line - 1).span;
  Span span = doomed;
  if (line < count) {
    const Span& next = config.lines[line].span;
    span.end_line = next.line;
    span.end_column = next.column;
    span.end = next.begin;
  } else if (const std::size_t terminator = terminator_size(config, doomed.end); terminator > 0) {
    span.end_line = line + 1;
    span.end_column = 1;
    span.end = doomed.end + terminator;
  } else if (line > 1) {
    // The last line without a final newline: take the terminator before it.
    const Span& previous = config.lines[line - 2].span;
    span.line = previous.line;
    span.column = previous.end_column;
    span.begin = previous.end;
  }
  return {.file = std::move(file), .span = span, .replacement = {}, .shown_replacement = {}};
}

TextEdit comment_out_line(const config::ConfigModel& config, std::string file, std::size_t line) {
  const Span& target = config.lines.at(line - 1).span;
  return {.file = std::move(file),
          .span = point(line, target.column, target.begin),
          .replacement = "#",
          .shown_replacement = {}};
}

Span option_text_span(const config::Option& option) {
  const Span& key = option.key_span;
  const Span& last = option.value_span ? *option.value_span : key;
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
    if (kind != config::LineKind::comment || is_inline_suppression(config.line_text(line))) return line;
  }
  return config.lines.size() + 1;
}

}  // namespace emglint::rules
