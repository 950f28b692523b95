#include <catch2/catch.hpp>

#include <algorithm>

#include "parser/config_parser.h"

using emglint::config::LineKind;
using emglint::config::parse_config;

TEST_CASE("the grammar cannot loop") { CHECK(emglint::config::analyze_config_grammar() == 0); }

TEST_CASE("a documented sample parses into general options and blocks") {
  const auto model = parse_config(
      "# general options come first\n"
      "ROTATELOGS=100M:5\n"
      "PERSISTFILES\n"
      "\n"
      "DB emgdb <\n"
      "HOST = 127.0.0.1 \n"
      ">\n");
  REQUIRE(model.errors.empty());
  REQUIRE(model.general.size() == 2);
  CHECK(model.general[0].key() == "ROTATELOGS");
  CHECK(model.general[0].value() == "100M:5");
  CHECK_FALSE(model.general[1].value().has_value());
  REQUIRE(model.blocks.size() == 1);
  CHECK(model.blocks[0].kind() == "DB");
  CHECK(model.blocks[0].name() == "emgdb");
  CHECK(model.blocks[0].close_line() == 7u);
  REQUIRE(model.blocks[0].options().size() == 1);
  const auto& host = model.blocks[0].options()[0];
  CHECK(host.value() == "127.0.0.1");
  CHECK(host.value_span()->column == 8);
  CHECK(host.value_span()->end_column == 17);
  CHECK(model.comments.size() == 1);
  CHECK(model.lines.size() == 7);
}

namespace {

struct GrammarCase {
  std::string input;
  std::vector<LineKind> kinds;
  std::string errors;  // "LINE:COL message; ..." of every syntax error
};

std::string describe_errors(const emglint::config::ConfigModel& model) {
  std::string text;
  for (const auto& error : model.errors) {
    if (!text.empty()) text += "; ";
    text += std::to_string(error.at.line) + ":" + std::to_string(error.at.column) + " " + error.message;
  }
  return text;
}

}  // namespace

TEST_CASE("the grammar on a table of inputs and outcomes") {
  using K = LineKind;
  const std::string password_error =
      "expected `=` and a value after a password's key, or the end of the line for a flag";
  const std::vector<GrammarCase> cases = {
      {"", {}, ""},
      {"\n", {K::blank}, ""},
      {"KEY=value", {K::option}, ""},
      {"KEY = value \t\r\n", {K::option}, ""},
      {"FLAG\r\nFLAG2", {K::option, K::option}, ""},
      {"  # indented comment\n#\n", {K::comment, K::comment}, ""},
      {"\t \n", {K::blank}, ""},
      {"KIND name <\n>\n", {K::block_header, K::block_close}, ""},
      {"KIND name<\n  >  \n", {K::block_header, K::block_close}, ""},
      {"KEY=a=b # c\n", {K::option}, ""},
      {"KEY=\n", {K::option}, ""},
      {"_KEY1=x\n", {K::option}, ""},
      {"1KEY=x\n",
       {K::invalid},
       "1:1 expected an option `KEY=value`, a flag `KEY`, a comment `#...`, a block header "
       "`KIND name <` or `>`, found `1`"},
      {"KEY:x\n",
       {K::invalid},
       "1:4 expected `=` and a value, the end of the line for a flag, or a block name "
       "followed by `<`, found `:`"},
      {"KIND name\n>\n",
       {K::block_header, K::block_close},
       "1:10 expected `<` after the block name, found the end "
       "of the line"},
      {"KIND name < x\n>\n",
       {K::invalid, K::block_close},
       "1:13 expected the end of the line, found `x`; "
       "2:1 unexpected `>`: no block is open"},
      {"KIND <\n",
       {K::invalid},
       "1:5 expected `=` and a value, the end of the line for a flag, or a block name "
       "followed by `<`, found ` `"},
      {"> x\n", {K::invalid}, "1:3 expected the end of the line, found `x`"},
      {"A <\n",
       {K::invalid},
       "1:2 expected `=` and a value, the end of the line for a flag, or a block name "
       "followed by `<`, found ` `"},
      {"K a <\nK b <\n>\n",
       {K::block_header, K::block_header, K::block_close},
       "2:1 expected `>` to close block `K a` (opened at line 1) before a new block; blocks do not nest"},
      {"K a <\nX=1",
       {K::block_header, K::option},
       "1:1 block `K a` is never closed: expected a line `>` before the end of the file"},
      {"K a <\nB c\n>\n",
       {K::block_header, K::invalid, K::block_close},
       "2:4 expected `<` after the block name, found the end of the line"},
      // A NUL byte where git looks for one makes the file binary: no line of it is parsed.
      {std::string("X=a\0b\n", 6), {}, "1:4 not a text file: it holds a NUL byte at line 1, column 4 (byte offset 3)"},
      {std::string("A=1\r\n\xEF\xBB\xBF\xFF\x00K <\n", 14),
       {},
       "2:5 not a text file: it holds a NUL byte at line 2, column 5 (byte offset 9)"},
      {std::string("\xEF\xBB\xBFX\0\n", 6),
       {},
       "1:2 not a text file: it holds a NUL byte at line 1, column 2 (byte offset 4)"},
      // Past git's first 8000 bytes, a NUL is one bad line of a text file.
      {"#" + std::string(7998, '-') + "\n" + std::string("X=a\0b\nY=1\n", 10),
       {K::comment, K::invalid, K::option},
       "2:4 unexpected NUL byte: server.cfg must be text"},
      {"\xE9t\xE9=1\n",
       {K::invalid},
       "1:1 expected an option `KEY=value`, a flag `KEY`, a comment `#...`, a block "
       "header `KIND name <` or `>`, found `\\xE9`"},
      {"# caf\xE9\n", {K::comment}, ""},
      {"X=1\rY=2\n", {K::option}, ""},
      // A password's key never heads a block, whose name would be the password.
      {"PASSWORD hunter2\n", {K::invalid}, "1:9 " + password_error + ", found ` `"},
      {"passwd  x\n", {K::invalid}, "1:7 " + password_error + ", found ` `"},
      {"PASWORD secret\n", {K::invalid}, "1:8 " + password_error + ", found ` `"},
      {"DBPASS x <\n>\n",
       {K::invalid, K::block_close},
       "1:7 " + password_error +
           ", found ` `; "
           "2:1 unexpected `>`: no block is open"},
      {"K a <\nPASSWROD x\n>\n",
       {K::block_header, K::invalid, K::block_close},
       "2:9 " + password_error + ", found ` `"},
      {"PASSWORD = x\nPASWORD\n", {K::option, K::option}, ""},
      {"PASSWORD:x\n", {K::invalid}, "1:9 " + password_error + ", found `:`"},
      {"CONNECTOR smpp-in\n>\n",
       {K::block_header, K::block_close},
       "1:18 expected `<` after the block name, found "
       "the end of the line"},
      {"PASSAGE x\n", {K::invalid}, "1:8 " + password_error + ", found ` `"},
      // Nor does a DB address typed without `=`: its user:password would be the block name.
      {"ADDRESS user:pw@host:1/db\n", {K::invalid}, "1:16 expected `<` after the block name, found `@`"},
  };
  for (const auto& test : cases) {
    INFO("input: " << test.input.substr(0, 100));
    const auto model = parse_config(test.input);
    std::vector<LineKind> kinds;
    for (const auto& line : model.lines) kinds.push_back(line.kind);
    CHECK(kinds == test.kinds);
    CHECK(describe_errors(model) == test.errors);
    CHECK(model.blocks.size() == static_cast<std::size_t>(std::count(kinds.begin(), kinds.end(), K::block_header)));
  }
}

TEST_CASE("a binary file is one error, and nothing of it is read as lines") {
  std::string source = "BACKEND=TC\nCONNECTOR c <\nINSTANCES=3\n>\n";
  source += std::string("\x1f\x8b\x08\x00\xff", 5);
  const auto model = parse_config(source);
  CHECK_FALSE(model.is_text);
  CHECK(model.source == source);
  CHECK(model.lines.empty());
  CHECK(model.general.empty());
  CHECK(model.blocks.empty());
  REQUIRE(model.errors.size() == 1);
  CHECK(model.errors[0].at.line == 5);
  CHECK(model.errors[0].at.column == 4);
  CHECK(model.errors[0].at.begin == source.find('\0'));
  const std::string before_binary = source.substr(0, 41);
  CHECK(parse_config(before_binary).is_text);
}

TEST_CASE("a password's key followed by a blank opens no block and leaves the next options general") {
  const auto model = parse_config("PASSWORD hunter2\nLOGLEVEL=1\n");
  CHECK(model.blocks.empty());
  REQUIRE(model.general.size() == 1);
  CHECK(model.general[0].key() == "LOGLEVEL");
  REQUIRE(model.errors.size() == 1);
  CHECK(model.errors[0].message.find("hunter2") == std::string::npos);
}

TEST_CASE("spans keep the exact original bytes after a BOM and with CRLF") {
  const std::string source = "\xEF\xBB\xBF# head\r\nBACKEND = TC\r\nCONNECTOR c <\r\n\tINSTANCES=3\r\n>";
  const auto model = parse_config(source);
  REQUIRE(model.errors.empty());
  CHECK(model.has_bom);
  const auto& backend = model.general.at(0);
  CHECK(backend.line() == 2);
  CHECK(source.substr(backend.key_span().begin, backend.key_span().end - backend.key_span().begin) == "BACKEND");
  CHECK(source.substr(backend.value_span()->begin, backend.value_span()->end - backend.value_span()->begin) == "TC");
  CHECK(model.line_text(2) == "BACKEND = TC");
  CHECK(model.line_text(1) == "# head");
  CHECK(model.comments.at(0).span().column == 1);
  REQUIRE(model.blocks.at(0).options().size() == 1);
  const auto& instances = model.blocks.at(0).options()[0];
  CHECK(instances.key_span().column == 2);
  CHECK(instances.value() == "3");
  CHECK(model.blocks.at(0).close_line() == 5u);
  CHECK(model.line_text(5) == ">");
}

TEST_CASE("comments keep `# emglint:` directives for suppressions") {
  const auto model = parse_config("# emglint: ignore EMG201 -- vendor asked\nDLR_TO_SAME_IP\n");
  REQUIRE(model.comments.size() == 1);
  CHECK(model.comments[0].text() == " emglint: ignore EMG201 -- vendor asked");
  CHECK(model.comments[0].line() == 1);
}

TEST_CASE("options outside blocks after the first block are general but not at the top") {
  const auto model = parse_config("A=1\nK b <\n>\nBACKEND=TC\n");
  REQUIRE(model.general.size() == 2);
  CHECK(model.general[0].before_first_block());
  CHECK_FALSE(model.general[1].before_first_block());
  CHECK(model.general[1].block() == -1);
}

TEST_CASE("each block has its own options, and a moved model still answers them") {
  const std::string source = "A=1\nX a <\nB=2\nC\n>\nD=4\nY b <\nZ c <\nE=5\n";
  auto parsed = parse_config(source);
  const emglint::config::ConfigModel model = std::move(parsed);
  REQUIRE(model.blocks.size() == 3);
  REQUIRE(model.blocks[0].options().size() == 2);
  CHECK(model.blocks[0].options()[0].key() == "B");
  CHECK(model.blocks[0].options()[1].key() == "C");
  CHECK_FALSE(model.blocks[0].options()[1].value());
  CHECK(model.blocks[0].close_line() == 5u);
  CHECK(model.blocks[1].options().empty());
  CHECK_FALSE(model.blocks[1].close_line());
  REQUIRE(model.blocks[2].options().size() == 1);
  CHECK(model.blocks[2].options()[0].value() == "5");
  CHECK(model.blocks[2].options()[0].block() == 2);
  CHECK(model.blocks[2].name() == "c");
  REQUIRE(model.general.size() == 2);
  CHECK(model.general[1].key() == "D");
  CHECK(model.general[1].span().begin == source.find("D=4"));
}
