// The vocabulary: the built-in table, the keywords users declare, and what
// --known-keyword accepts.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/keywords.h"
#include "test_support.h"

using emglint::analysis::DeclaredKeyword;
using emglint::analysis::find_keyword;
using emglint::analysis::known_keywords;
using emglint::analysis::OptionScope;
using emglint::analysis::parse_declared_keyword;
using emglint::analysis::ValueKind;
using emglint::analysis::Vocabulary;

namespace {

unsigned bit(OptionScope scope) { return static_cast<unsigned>(scope); }

}  // namespace

TEST_CASE("the keyword table is sorted and names each keyword once") {
  const auto keywords = known_keywords();
  CHECK(std::is_sorted(keywords.begin(), keywords.end(), [](const auto& a, const auto& b) { return a.name < b.name; }));
  CHECK(std::adjacent_find(keywords.begin(), keywords.end(),
                           [](const auto& a, const auto& b) { return a.name == b.name; }) == keywords.end());
}

TEST_CASE("each keyword of the wider vocabulary is known in its scopes") {
  struct Row {
    const char* name;
    OptionScope scope;
  };
  const std::vector<Row> rows = {
      {"BLACKLIST", OptionScope::general},
      {"CONNECTOR_LOGLEVEL", OptionScope::general},
      {"ROTATELOGS_DEBUG", OptionScope::general},
      {"PROFILING_THRESHOLD", OptionScope::general},
      {"DEFAULT_CHARCODE_TEXT", OptionScope::general},
      {"DEFAULT_CHARCODE_TEXT", OptionScope::connector},
      {"USERNAME", OptionScope::connector},
      {"PASSWORD", OptionScope::connector},
      {"LOGLEVEL", OptionScope::connector},
      {"WINDOWSIZE", OptionScope::connector},
      {"xauth_header", OptionScope::connector},
      {"LIBRARY", OptionScope::plugin},
      {"CONFIG", OptionScope::plugin},
      {"DBPROFILE", OptionScope::plugin},
      {"CONNECTOR", OptionScope::connectorgroup},
      {"TYPE", OptionScope::connectorgroup},
      {"ADDRESS", OptionScope::db},
      {"INSTANCES", OptionScope::plugin},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    const auto* keyword = find_keyword(row.name);
    REQUIRE(keyword != nullptr);
    CHECK((keyword->scopes & bit(row.scope)) != 0);
  }
  CHECK(find_keyword("XAUT") == nullptr);
  CHECK(find_keyword("CONNECTORGROUP") == nullptr);
}

TEST_CASE("only a group's CONNECTOR repeats") {
  for (const auto& keyword : known_keywords()) {
    INFO(keyword.name);
    CHECK(keyword.repeats_in == (keyword.name == "CONNECTOR" ? bit(OptionScope::connectorgroup) : 0U));
  }
}

TEST_CASE("declared keywords join the vocabulary in their scope, with any value") {
  const std::vector<DeclaredKeyword> declared = {
      {.scope = OptionScope::db, .name = "HOSTS"},
      {.scope = OptionScope::general, .name = "HOSTS"},
      {.scope = OptionScope::plugin, .name = "PORT"},  // a built-in keyword in a further scope
      {.scope = OptionScope::db, .name = "DBNAME"},    // a built-in keyword in its own scope
  };
  const Vocabulary vocabulary(declared);
  const auto* hosts = vocabulary.find("hosts");
  REQUIRE(hosts != nullptr);
  CHECK(hosts->scopes == (bit(OptionScope::db) | bit(OptionScope::general)));
  CHECK(hosts->value == ValueKind::flag_or_value);
  CHECK(hosts->repeats_in == 0);
  const auto* port = vocabulary.find("PORT");
  REQUIRE(port != nullptr);
  CHECK(port->scopes == (bit(OptionScope::db) | bit(OptionScope::plugin)));
  CHECK(port->value == ValueKind::flag_or_value);
  CHECK(vocabulary.find("DBNAME")->value == ValueKind::text);
  CHECK(std::is_sorted(vocabulary.keywords().begin(), vocabulary.keywords().end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
  // The built-in vocabulary is untouched, and a moved vocabulary still finds what was declared.
  CHECK(find_keyword("HOSTS") == nullptr);
  CHECK(find_keyword("PORT")->value == ValueKind::port);
  Vocabulary moved(std::vector<DeclaredKeyword>{{.scope = OptionScope::connector, .name = "SOURCEADDR"}});
  Vocabulary target;
  target = std::move(moved);
  REQUIRE(target.find("sourceaddr") != nullptr);
  CHECK(target.find("sourceaddr")->name == "SOURCEADDR");
}

TEST_CASE("a declared keyword is SCOPE:NAME") {
  struct Row {
    const char* text;
    bool ok;
    OptionScope scope;
    const char* name;
  };
  const std::vector<Row> rows = {
      {"general:FOO", true, OptionScope::general, "FOO"},
      {"connector:foo_bar2", true, OptionScope::connector, "FOO_BAR2"},
      {"DB:Hosts", true, OptionScope::db, "HOSTS"},
      {"plugin:X", true, OptionScope::plugin, "X"},
      {"connectorgroup:WEIGHT", true, OptionScope::connectorgroup, "WEIGHT"},
      {"FOO", false, OptionScope::general, ""},
      {"general:", false, OptionScope::general, ""},
      {":FOO", false, OptionScope::general, ""},
      {"sat:FOO", false, OptionScope::general, ""},
      {"other_block:FOO", false, OptionScope::general, ""},
      {"general:FOO=1", false, OptionScope::general, ""},
      {"general:FOO BAR", false, OptionScope::general, ""},
      {"general:a:b", false, OptionScope::general, ""},
      {"general:1FOO", false, OptionScope::general, ""},
      {"general:_FOO1", true, OptionScope::general, "_FOO1"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const auto parsed = parse_declared_keyword(row.text);
    REQUIRE(parsed.keyword.has_value() == row.ok);
    if (row.ok) {
      CHECK(parsed.keyword->scope == row.scope);
      CHECK(parsed.keyword->name == row.name);
      CHECK(parsed.problem.empty());
    } else {
      CHECK_FALSE(parsed.problem.empty());
    }
  }
}

TEST_CASE("a malformed --known-keyword is a usage error") {
  using emglint::testing::run_emglint;
  auto help = run_emglint({"check", "--help"});
  CHECK(help.out.find("--known-keyword") != std::string::npos);
  auto no_colon = run_emglint({"check", "--known-keyword", "FOO", "x"});
  CHECK(no_colon.exit_code == 2);
  CHECK(no_colon.err.find("`FOO` is not SCOPE:NAME") != std::string::npos);
  auto bad_scope = run_emglint({"check", "--known-keyword", "satpool:FOO", "x"});
  CHECK(bad_scope.exit_code == 2);
  CHECK(bad_scope.err.find("`satpool` names no scope") != std::string::npos);
  auto bad_name = run_emglint({"check", "--known-keyword", "general:", "x"});
  CHECK(bad_name.exit_code == 2);
  CHECK(bad_name.err.find("is not a keyword") != std::string::npos);
}
