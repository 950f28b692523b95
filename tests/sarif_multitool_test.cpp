// Microsoft's SARIF Multitool validates emglint's SARIF: a report for every
// corpus case, one report of a fleet (a repository of every config case
// beside every installation case) in which most rules fire, and every log
// `emglint merge` writes in the merge cases (corpus/merge/) must pass
// `validate` with no error and no warning, GitHub's ingestion rules included.
//
// The Multitool is the npm package pinned in tools/sarif/; `scripts/dev.sh
// test` installs it with `npm ci`. Without it this test only warns, and
// under CI=true it fails.
// EMGLINT_SARIF_MULTITOOL names another copy of the program.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "corpus_case.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;
using nlohmann::json;

namespace {

fs::path multitool() {
  if (const char* path = std::getenv("EMGLINT_SARIF_MULTITOOL"); path != nullptr && *path != '\0') return path;
  return source_dir() / "tools" / "sarif" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool";
}

std::string quoted(const std::string& text) {
  std::string result = "'";
  for (const char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

// The rules that fired in a SARIF log.
std::set<std::string> rules_in(const fs::path& log) {
  std::set<std::string> rules;
  const json sarif = json::parse(read_file(log));
  for (const json& result : sarif["runs"][0]["results"]) rules.insert(result["ruleId"]);
  return rules;
}

// A boot script with several faults at once: the fleet has only one.
const char* const faulty_rc_local =
    "#!/bin/sh\n"
    "ulimit -n unlimited\n"
    "su - emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\n"
    "ulimit -n 65536\n";

// Builds every case that fires (or fixes) into one fleet: configs in one
// repository, installations beside it, and checks it in one run with one
// boot script and one distribution (the last case's that brings one).
std::set<std::string> write_fleet_report(const fs::path& work, const fs::path& output) {
  RunningProcesses processes;
  std::vector<std::string> installations;
  std::string dist;
  for (const fs::path& case_dir : corpus_cases()) {
    const std::string name = case_dir.filename().string();
    if (name.starts_with("quiet")) continue;
    if (needs_root(case_dir) && !running_as_root("building this case, which changes owners,")) continue;
    const fs::path relative = fs::relative(case_dir, source_dir() / "corpus" / "rules");
    const bool installation = fs::exists(case_dir / "manifest");
    const fs::path dir = work / (installation ? "installations" : "configs") / relative;
    fs::create_directories(dir);
    const CaseInput input = build_corpus_case(case_dir, dir, processes);
    if (input.installation) installations.push_back(fs::relative(input.path, work).string());
    for (std::size_t i = 0; i + 1 < input.options.size(); ++i) {
      if (input.options[i] == "--dist") dist = input.options[i + 1];
    }
  }
  write_file(work / "rc.local", faulty_rc_local);
  fs::permissions(work / "rc.local", fs::perms::owner_read | fs::perms::owner_write);
  std::vector<std::string> arguments = {"check",         "--format",         "sarif",      "-o",
                                        output.string(), "--probe-versions", "--rc-local", "rc.local"};
  if (!dist.empty()) arguments.insert(arguments.end(), {"--dist", dist});
  arguments.push_back("configs");
  arguments.insert(arguments.end(), installations.begin(), installations.end());
  ScopedWorkingDirectory in_work(work);
  const RunResult result = run_emglint(arguments);
  INFO(result.err);
  CHECK(result.exit_code != 0);
  return rules_in(output);
}

}  // namespace

// Hidden from test discovery ([.]): tests/CMakeLists.txt runs it on its own.
TEST_CASE("the SARIF Multitool validates every corpus report and a fleet's with no error or warning",
          "[.multitool]") {
  const fs::path tool = multitool();
  if (::access(tool.c_str(), X_OK) != 0) {
    if (under_ci()) {
      FAIL("no SARIF Multitool at " << tool.string()
                                    << " under CI=true (scripts/dev.sh test installs it: npm ci in tools/sarif)");
    }
    WARN("not run: no SARIF Multitool at "
         << tool.string() << " (scripts/dev.sh test installs it: npm ci in tools/sarif, then chmod u+x)");
    return;
  }
  TemporaryDirectory work;
  const fs::path logs = work.path() / "logs";
  fs::create_directories(logs);

  std::set<std::string> fired;
  std::size_t reports = 0;
  for (const fs::path& case_dir : corpus_cases()) {
    if (needs_root(case_dir) && !running_as_root("building this case, which changes owners,")) continue;
    const std::string name = fs::relative(case_dir, source_dir() / "corpus" / "rules").string();
    std::string file = name;
    std::replace(file.begin(), file.end(), '/', '.');
    const fs::path case_work = work.path() / "cases" / file;
    fs::create_directories(case_work);
    const fs::path output = logs / (file + ".sarif");
    INFO(name);
    const int exit_code = run_corpus_case_to(case_dir, case_work, "sarif", output);
    if (!fs::exists(output)) {
      // Only a usage error, or --show-settings, which prints the settings instead, writes no report.
      const bool shows_settings =
          fs::exists(case_dir / "args") && read_file(case_dir / "args").find("--show-settings") != std::string::npos;
      CHECK((exit_code == 2 || shows_settings));
      continue;
    }
    for (const auto& rule : rules_in(output)) fired.insert(rule);
    ++reports;
  }
  const json catalog = json::parse(run_emglint({"rules", "--format", "json"}).out);
  std::set<std::string> all_rules;
  for (const json& rule : catalog) all_rules.insert(rule["id"]);
  // Across the corpus, every rule fires in some report.
  CHECK(fired == all_rules);

  const fs::path fleet = work.path() / "fleet";
  fs::create_directories(fleet);
  const std::set<std::string> fleet_rules = write_fleet_report(fleet, logs / "fleet.sarif");
  std::string missing;
  for (const auto& rule : all_rules) {
    if (fleet_rules.count(rule) == 0) missing += " " + rule;
  }
  INFO("rules that did not fire in the fleet's report:" << missing);
  CHECK(fleet_rules.size() * 10 >= all_rules.size() * 9);
  ++reports;

  // The fleet's config repository named by its absolute path, as `"$PWD"` names
  // it: its files are still under %SRCROOT%, which code scanning can place.
  const fs::path absolute_log = logs / "fleet-configs-absolute.sarif";
  run_emglint({"check", "--format", "sarif", "-o", absolute_log.string(), (fleet / "configs").string()});
  REQUIRE(fs::exists(absolute_log));
  const json absolute = json::parse(read_file(absolute_log));
  std::size_t located = 0;
  for (const json& result : absolute["runs"][0]["results"]) {
    const json& location = result["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(location.value("uriBaseId", "") == "%SRCROOT%");
    CHECK_FALSE(location["uri"].get<std::string>().starts_with("file:"));
    ++located;
  }
  CHECK(located > 0);
  ++reports;

  // Every merged log of the merge cases, bad inputs and all (corpus/merge/).
  for (const fs::path& case_dir : merge_cases()) {
    std::size_t number = 0;
    for (std::vector<std::string> words : merge_runs(case_dir)) {
      ++number;
      if (std::find(words.begin(), words.end(), "sarif") == words.end()) continue;
      const fs::path output =
          logs / ("merge." + case_dir.filename().string() + "." + std::to_string(number) + ".sarif");
      words.insert(words.begin(), "merge");
      words.insert(words.end(), {"-o", output.string()});
      ScopedWorkingDirectory in_case(case_dir);
      run_emglint(words);
      INFO(case_dir.filename().string() << " run " << number);
      CHECK(fs::exists(output));
      ++reports;
    }
  }

  // One run of the Multitool over every log; its own log says what it found.
  const fs::path result_log = work.path() / "validation.sarif";
  const fs::path console = work.path() / "validation.txt";
  const std::string command = "cd " + quoted(logs.string()) + " && " + quoted(tool.string()) +
                              " validate --rule-kind 'Sarif;Gh' --output " + quoted(result_log.string()) +
                              " *.sarif > " + quoted(console.string()) + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(command << "\n" << (fs::exists(console) ? read_file(console) : std::string("(no output)")));
  REQUIRE(fs::exists(result_log));
  const json validation = json::parse(read_file(result_log));
  std::size_t problems = 0;
  std::set<std::string> validated;
  for (const json& run : validation["runs"]) {
    for (const json& notification : run.value("invocations", json::array())) {
      for (const json& item : notification.value("toolExecutionNotifications", json::array())) {
        if (item.value("level", "warning") == "error" || item.value("level", "warning") == "warning") {
          ++problems;
          UNSCOPED_INFO("Multitool: " << item.dump());
        }
      }
    }
    for (const json& artifact : run.value("artifacts", json::array())) {
      validated.insert(artifact["location"]["uri"].get<std::string>());
    }
    for (const json& result : run.value("results", json::array())) {
      // A result without a level is a warning (SARIF §3.27.10).
      const std::string level = result.value("level", "warning");
      if (level != "error" && level != "warning") continue;
      ++problems;
      UNSCOPED_INFO(level << " " << result.value("ruleId", "") << ": " << result["message"].dump() << " at "
                          << result.value("locations", json::array()).dump());
    }
  }
  CHECK(problems == 0);
  CHECK(status == 0);
  // The Multitool looked at every log (its artifacts list them, when it lists them).
  if (!validated.empty()) CHECK(validated.size() == reports);
}
