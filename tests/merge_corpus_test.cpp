// Runs every case under corpus/merge/: each line of the case's `runs` is an
// `emglint merge` command line, run in the case's folder, and expected.txt
// holds for each the command, its output, `--- exit N` and its standard error.
// The hosts' reports are in corpus/merge/reports/ as `emglint check --host`
// wrote them (corpus/merge/make-reports.sh), broken copies beside the case
// that breaks them. In a SARIF log, each rule of the driver (most of the log:
// its page, twice) stands in the snapshot as its ID and a hash of the rest:
// the rules, their order and content are compared, without the pages again.
// EMGLINT_UPDATE_SNAPSHOTS=1 rewrites the snapshots for review with `git diff`.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "corpus_case.h"
#include "report/fnv1a.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;
using nlohmann::ordered_json;

namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string line;
  for (const auto& word : words) line += (line.empty() ? "" : " ") + word;
  return line;
}

// A SARIF log with each rule of a driver shown as its ID and a hash of the
// rest; other output as it is.
std::string shown(const std::string& out) {
  if (!out.starts_with("{\n  \"$schema\"")) return out;
  ordered_json log = ordered_json::parse(out);
  for (ordered_json& run : log["runs"]) {
    for (ordered_json& rule : run["tool"]["driver"]["rules"]) {
      rule = rule["id"].get<std::string>() + " (fnv1a " + emglint::report::hex64(emglint::report::fnv1a(rule.dump())) +
             ")";
    }
  }
  return log.dump(2) + "\n";
}

// The words naming reports (`*.json`, `*.sarif`) in the reverse order, the others where they were.
std::vector<std::string> reports_reversed(std::vector<std::string> words) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].ends_with(".json") || words[i].ends_with(".sarif")) at.push_back(i);
  }
  for (std::size_t i = 0; i < at.size() / 2; ++i) std::swap(words[at[i]], words[at[at.size() - 1 - i]]);
  return words;
}

}  // namespace

TEST_CASE("every merge case gives its expected output, whatever the order of its reports") {
  const bool update = updating_snapshots();
  const auto cases = merge_cases();
  REQUIRE(cases.size() >= 8);
  for (const fs::path& case_dir : cases) {
    DYNAMIC_SECTION(fs::relative(case_dir, source_dir()).string()) {
      ScopedWorkingDirectory in_case(case_dir);
      std::string actual;
      for (const std::vector<std::string>& words : merge_runs(case_dir)) {
        std::vector<std::string> arguments{"merge"};
        arguments.insert(arguments.end(), words.begin(), words.end());
        const RunResult result = run_emglint(arguments);
        actual += "$ emglint merge " + joined(words) + "\n" + shown(result.out) + "--- exit " +
                  std::to_string(result.exit_code) + "\n";
        std::istringstream err(result.err);
        for (std::string line; std::getline(err, line);) actual += "stderr: " + line + "\n";

        std::vector<std::string> reversed{"merge"};
        for (const auto& word : reports_reversed(words)) reversed.push_back(word);
        const RunResult again = run_emglint(reversed);
        INFO(joined(reversed));
        CHECK(again.out == result.out);
        CHECK(again.exit_code == result.exit_code);
      }
      // The example's server.cfg, given as a report by mistake, shows nothing of its password.
      CHECK(actual.find("s3cr3t") == std::string::npos);
      check_snapshot(case_dir / "expected.txt", actual, update);
    }
  }
}
