// The catalog stays whole: every rule has its page, its corpus cases and its
// README row, and they agree with the code.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "rules/registry.h"
#include "rules/rule_pages.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

std::string phases_cell(const emglint::report::PhaseSet& phases) {
  if (phases.is_all()) return "all";
  std::string cell;
  for (emglint::report::Phase phase : emglint::report::all_phases_in_order) {
    if (phases.contains(phase)) cell += (cell.empty() ? "" : " ") + std::string(emglint::report::to_string(phase));
  }
  return cell;
}

bool has_case(const fs::path& rule_dir, std::string_view prefix) {
  if (!fs::exists(rule_dir)) return false;
  for (const auto& entry : fs::directory_iterator(rule_dir)) {
    if (entry.path().filename().string().starts_with(prefix)) return true;
  }
  return false;
}

// Every case named PREFIX* of a rule, with its expected output.
std::vector<std::string> expectations(const fs::path& rule_dir, std::string_view prefix) {
  std::vector<std::string> texts;
  for (const auto& entry : fs::directory_iterator(rule_dir)) {
    if (entry.path().filename().string().starts_with(prefix)) texts.push_back(read_file(entry.path() / "expected.txt"));
  }
  return texts;
}

// The findings of an expected output that is a JSON report (stdout, then
// `--- exit N`, then stderr); none when it is another format.
std::vector<nlohmann::json> json_findings(const std::string& expected) {
  const auto exit_line = expected.rfind("--- exit ");
  const nlohmann::json report = nlohmann::json::parse(expected.substr(0, exit_line), nullptr, false);
  if (!report.is_object() || !report.contains("findings") || !report["findings"].is_array()) return {};
  return report["findings"].get<std::vector<nlohmann::json>>();
}

}  // namespace

TEST_CASE("rules are sorted by ID and IDs are unique") {
  std::string previous;
  for (const rules::Rule* rule : rules::all_rules()) {
    CHECK(std::string(rule->info.id) > previous);
    previous = rule->info.id;
  }
}

TEST_CASE("every rule has a page with the fixed headings") {
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info;
    INFO(info.id);
    const std::string page(rules::page_of(info.id));
    REQUIRE_FALSE(page.empty());
    CHECK(page.starts_with(fmt::format("# {} {}\n", info.id, info.name)));
    CHECK(page.find(std::string(info.summary)) != std::string::npos);
    for (const char* heading :
         {"## What it does", "## Why", "## Example", "## Use instead", "## Fix and its safety", "## Assumptions"}) {
      CHECK(page.find(heading) != std::string::npos);
    }
  }
  for (const auto& page : rules::rule_pages()) {
    INFO(page.id);
    CHECK(rules::find_rule(page.id) != nullptr);
  }
}

TEST_CASE("every rule has a case that fires and a case that stays quiet") {
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info;
    INFO(info.id);
    const fs::path rule_dir = source_dir() / "corpus" / "rules" / fmt::format("{}-{}", info.id, info.name);
    REQUIRE(has_case(rule_dir, "fires"));
    REQUIRE(has_case(rule_dir, "quiet"));
    const std::string tag = fmt::format("[{}]", info.id);
    for (const auto& expected : expectations(rule_dir, "fires")) CHECK(expected.find(tag) != std::string::npos);
    for (const auto& expected : expectations(rule_dir, "quiet")) CHECK(expected.find(tag) == std::string::npos);
  }
}

TEST_CASE("every rule with a fix has a case that shows the fix") {
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info;
    if (info.fix == emglint::report::FixAvailability::none) continue;
    INFO(info.id);
    const fs::path rule_dir = source_dir() / "corpus" / "rules" / fmt::format("{}-{}", info.id, info.name);
    REQUIRE(has_case(rule_dir, "fix"));
    bool shows_a_fix = false;
    for (const auto& expected : expectations(rule_dir, "fix")) {
      for (const nlohmann::json& finding : json_findings(expected)) {
        shows_a_fix = shows_a_fix || (finding.value("rule", "") == info.id && finding.contains("fix") &&
                                      finding["fix"].is_object() && finding["fix"].contains("safety"));
      }
    }
    CHECK(shows_a_fix);
  }
}

TEST_CASE("the README's rule table matches the catalog") {
  const std::string readme = read_file(source_dir() / "README.md");
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info;
    const std::string row =
        fmt::format("| {} | {} | {} | {} | {} | {} |", info.id, info.name, phases_cell(info.phases),
                    emglint::report::to_string(info.severity), emglint::report::to_string(info.fix), info.summary);
    INFO(row);
    CHECK(readme.find(row) != std::string::npos);
  }
}
