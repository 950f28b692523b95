#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/config_index.h"
#include "inspect/rc_local_facts.h"
#include "parser/config_parser.h"
#include "parser/rc_local.h"
#include "report/file_table.h"
#include "rules/text_edits.h"

using emglint::config::Span;
using emglint::rules::TextEdit;

namespace {

// What applying `edit` to `source` gives.
std::string applied(const std::string& source, const TextEdit& edit) {
  return source.substr(0, edit.span.begin) + edit.replacement + source.substr(edit.span.end);
}

std::vector<std::size_t> place(const Span& span) {
  return {span.line, span.column, span.end_line, span.end_column, span.begin, span.end};
}

emglint::inspect::RcLocalFacts rc_local_of(std::string source) {
  emglint::inspect::RcLocalFacts facts;
  facts.path = "rc.local";
  facts.exists = true;
  facts.model = emglint::rclocal::parse_rc_local(std::move(source));
  return facts;
}

}  // namespace

TEST_CASE("line edits: the line ending is the first line's") {
  using emglint::rules::line_ending;
  CHECK(line_ending("a\r\nb\n") == "\r\n");
  CHECK(line_ending("a\nb\r\n") == "\n");
  CHECK(line_ending("no newline") == "\n");
  CHECK(line_ending("") == "\n");
  CHECK(line_ending("\xEF\xBB\xBF\r\n") == "\r\n");
}

TEST_CASE("line edits: a line's span leaves out its terminator") {
  const std::string source = "ab\r\ncde\n\nf";
  const std::vector<std::size_t> starts = {0, 4, 8, 9};
  CHECK(place(emglint::rules::line_span(source, starts, 1)) == std::vector<std::size_t>{1, 1, 1, 3, 0, 2});
  CHECK(place(emglint::rules::line_span(source, starts, 2)) == std::vector<std::size_t>{2, 1, 2, 4, 4, 7});
  CHECK(place(emglint::rules::line_span(source, starts, 3)) == std::vector<std::size_t>{3, 1, 3, 1, 8, 8});
  CHECK(place(emglint::rules::line_span(source, starts, 4)) == std::vector<std::size_t>{4, 1, 4, 2, 9, 10});
}

TEST_CASE("line edits: inserting keeps the file's line ending and its final newline or lack of one") {
  using emglint::rules::insert_line_before;
  const std::vector<std::size_t> two_lines = {0, 3};
  CHECK(applied("a\r\nb\r\n", insert_line_before(0, "a\r\nb\r\n", two_lines, 2, "NEW")) == "a\r\nNEW\r\nb\r\n");
  CHECK(applied("a\nb\n", insert_line_before(0, "a\nb\n", std::vector<std::size_t>{0, 2}, 3, "NEW")) == "a\nb\nNEW\n");
  const TextEdit appended = insert_line_before(0, "a\nb", std::vector<std::size_t>{0, 2}, 3, "NEW");
  CHECK(place(appended.span) == std::vector<std::size_t>{2, 2, 2, 2, 3, 3});
  CHECK(applied("a\nb", appended) == "a\nb\nNEW");
  CHECK(applied("", insert_line_before(0, "", std::vector<std::size_t>{}, 1, "NEW")) == "NEW\n");
}

TEST_CASE("line edits: deleting a line leaves no blank line and keeps a missing final newline missing") {
  using emglint::rules::delete_line;
  const std::vector<std::size_t> starts = {0, 2, 4};
  const TextEdit middle = delete_line(0, "a\nb\nc\n", starts, 2);
  CHECK(place(middle.span) == std::vector<std::size_t>{2, 1, 3, 1, 2, 4});
  CHECK(applied("a\nb\nc\n", middle) == "a\nc\n");
  const TextEdit last = delete_line(0, "a\nb\nc\n", starts, 3);
  CHECK(place(last.span) == std::vector<std::size_t>{3, 1, 4, 1, 4, 6});
  CHECK(applied("a\nb\nc\n", last) == "a\nb\n");
  const TextEdit last_unterminated = delete_line(0, "a\nb\nc", starts, 3);
  CHECK(place(last_unterminated.span) == std::vector<std::size_t>{2, 2, 3, 2, 3, 5});
  CHECK(applied("a\nb\nc", last_unterminated) == "a\nb");
  CHECK(applied("only", delete_line(0, "only", std::vector<std::size_t>{0}, 1)) == "");
}

TEST_CASE("line edits: server.cfg and rc.local get the same edits for the same text") {
  const std::vector<std::string> sources = {"A=1\nB=2\nC=3\n", "A=1\r\nB=2\r\nC=3", "A=1\n# c\n\nB=2\r"};
  for (const std::string& source : sources) {
    const auto config = emglint::config::parse_config(source, "server.cfg");
    const emglint::analysis::ConfigIndex index(config);
    const auto rc_local = rc_local_of(source);
    REQUIRE(config.lines.size() == rc_local.model.lines.size());
    // The file table's line index agrees with both parsers.
    const emglint::report::LineIndex file_lines(source);
    REQUIRE(file_lines.size() == config.lines.size());
    for (std::size_t line = 1; line <= config.lines.size(); ++line) {
      INFO(source << " line " << line);
      CHECK(file_lines.start(source, line) == config.lines[line - 1].begin);
      CHECK(file_lines.start(source, line) == rc_local.model.line_offsets[line - 1]);
      CHECK(place(emglint::rules::rc_local_line_span(rc_local, line)) == place(config.line_span(line)));
      const TextEdit config_insert = emglint::rules::insert_line_before(index, 0, line, "NEW");
      const TextEdit rc_insert = emglint::rules::insert_rc_local_line(rc_local, 0, line, "NEW");
      CHECK(place(config_insert.span) == place(rc_insert.span));
      CHECK(config_insert.replacement == rc_insert.replacement);
      const TextEdit config_delete = emglint::rules::delete_line(index, 0, line);
      const TextEdit rc_delete = emglint::rules::delete_rc_local_line(rc_local, 0, line);
      CHECK(place(config_delete.span) == place(rc_delete.span));
    }
  }
}
