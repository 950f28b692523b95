#include <catch2/catch.hpp>

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
  CHECK(model.general[0].key == "ROTATELOGS");
  CHECK(model.general[0].value == "100M:5");
  CHECK_FALSE(model.general[1].value.has_value());
  REQUIRE(model.blocks.size() == 1);
  CHECK(model.blocks[0].kind == "DB");
  CHECK(model.blocks[0].name == "emgdb");
  CHECK(model.blocks[0].close_line == 7u);
  REQUIRE(model.blocks[0].options.size() == 1);
  const auto& host = model.blocks[0].options[0];
  CHECK(host.value == "127.0.0.1");
  CHECK(host.value_span->column == 8);
  CHECK(host.value_span->end_column == 17);
  CHECK(model.comments.size() == 1);
  CHECK(model.lines.size() == 7);
}
