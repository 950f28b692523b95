// Runs every case under corpus/rules/: builds the case's input in a temporary
// directory, runs `emglint check` on it, and compares the whole text output
// and exit code with the case's expected.txt. EMGLINT_UPDATE_SNAPSHOTS=1
// rewrites the snapshots instead, for review with `git diff`.
// EMGLINT_CORPUS_RULE=EMG001-syntax-error runs the cases of that one rule
// folder: ctest runs each folder as a test of its own (tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <sstream>

#include "corpus_case.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

// The rule folder EMGLINT_CORPUS_RULE names, or empty for all of them.
std::string rule_folder() {
  const char* folder = std::getenv("EMGLINT_CORPUS_RULE");
  return folder != nullptr ? folder : "";
}

// The cases of the rule folder EMGLINT_CORPUS_RULE names, or every case.
std::vector<fs::path> cases_to_run() {
  const std::string folder = rule_folder();
  std::vector<fs::path> cases;
  for (const fs::path& case_dir : corpus_cases()) {
    if (folder.empty() || case_dir.parent_path().filename() == folder) cases.push_back(case_dir);
  }
  return cases;
}

// Every file below `root`, relative to it.
std::set<std::string> files_below(const fs::path& root) {
  std::set<std::string> names;
  if (!fs::exists(root)) return names;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) names.insert(entry.path().lexically_relative(root).generic_string());
  }
  return names;
}

}  // namespace

TEST_CASE("every corpus case gives its expected output", "[corpus]") {
  const bool update = updating_snapshots();
  const auto cases = cases_to_run();
  INFO("EMGLINT_CORPUS_RULE=" << rule_folder());
  REQUIRE_FALSE(cases.empty());
  for (const fs::path& case_dir : cases) {
    DYNAMIC_SECTION(fs::relative(case_dir, source_dir()).string()) {
      if (needs_root(case_dir) && !running_as_root("building this case, which changes owners,")) continue;
      TemporaryDirectory work;
      check_snapshot(case_dir / "expected.txt", run_corpus_case(case_dir, work.path()), update);
    }
  }
}

TEST_CASE("every fix case leaves the expected files after --fix, --diff changes nothing, a second --fix neither",
          "[corpus]") {
  const bool update = updating_snapshots();
  std::size_t fix_cases = 0;
  for (const fs::path& case_dir : cases_to_run()) {
    if (!is_fix_case(case_dir)) continue;
    ++fix_cases;
    DYNAMIC_SECTION(fs::relative(case_dir, source_dir()).string()) {
      if (needs_root(case_dir) && !running_as_root("building this case, which changes owners,")) continue;
      TemporaryDirectory work;
      const FixRun run = run_fix_case(case_dir, work.path());
      CHECK(run.diff_changed_nothing);
      CHECK(run.second_fix_changed_nothing);
      INFO(run.second_output);
      CHECK(run.second_output.find("fixed [") == std::string::npos);
      // No fix removes bytes that exist nowhere else (no case runs with --no-backup).
      CHECK(run.lost_contents.empty());
      INFO("the plan --diff printed, replayed: " << run.replay.error);
      CHECK(run.replay.error.empty());
      CHECK(run.replay.listing == run.fixed_listing);
      const fs::path fixed = case_dir / "fixed";
      if (update) {
        fs::remove_all(fixed);
        for (const auto& [name, content] : run.files) write_file(fixed / name, content);
        continue;
      }
      for (const auto& [name, content] : run.files) {
        INFO(name);
        REQUIRE(fs::exists(fixed / name));
        CHECK(content == read_file(fixed / name));
      }
      // And the other way: every expected file is one the run produced, none is stale.
      for (const std::string& name : files_below(fixed)) {
        INFO("fixed/" << name << " is expected, but no run produces it");
        CHECK(run.files.contains(name));
      }
    }
  }
  if (rule_folder().empty()) CHECK(fix_cases > 0);
}
