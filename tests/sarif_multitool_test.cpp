// Microsoft's SARIF Multitool validates emglint's SARIF: a report for every
// corpus case, one report of a fleet (a repository of every config case
// beside every installation case) in which most rules fire, and every log
// `emglint merge` writes in the merge cases (corpus/merge/) must pass
// `validate` with no error and no warning, GitHub's ingestion rules included.
//
// The Multitool spends about 0.2 s on each file it is given, and each report
// carries the whole rule catalog (200 KB): the corpus's 280 reports took it
// 50 s. The fleet's log, which has that catalog whole, is validated as it is;
// each case's run whose catalog is the same, byte for byte, is validated with
// the rules its results and notifications name (their indexes renumbered),
// twenty runs a file (GitHub's limit per log). Every run, result and
// invocation is validated as emglint wrote it, in 14 s instead of 50.
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
#include <map>
#include <set>

#include "corpus_case.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;
using nlohmann::json;
using nlohmann::ordered_json;

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

// The rule indexes a run refers to: its results' and its notifications'.
std::set<std::size_t> rule_indexes_named(const ordered_json& run) {
  std::set<std::size_t> named;
  for (const ordered_json& result : run.value("results", ordered_json::array())) {
    if (result.contains("ruleIndex")) named.insert(result["ruleIndex"].get<std::size_t>());
  }
  for (const ordered_json& invocation : run.value("invocations", ordered_json::array())) {
    for (const char* kind : {"toolExecutionNotifications", "toolConfigurationNotifications"}) {
      for (const ordered_json& notification : invocation.value(kind, ordered_json::array())) {
        if (notification.contains("associatedRule") && notification["associatedRule"].contains("index")) {
          named.insert(notification["associatedRule"]["index"].get<std::size_t>());
        }
      }
    }
  }
  return named;
}

// Keeps of the run's catalog the rules it names, and renumbers its references.
void keep_named_rules(ordered_json& run, const ordered_json& catalog) {
  std::map<std::size_t, std::size_t> renumbered;
  ordered_json rules = ordered_json::array();
  for (const std::size_t index : rule_indexes_named(run)) {
    REQUIRE(index < catalog.size());
    renumbered[index] = rules.size();
    rules.push_back(catalog[index]);
  }
  run["tool"]["driver"]["rules"] = rules;
  if (run.contains("results")) {
    for (ordered_json& result : run["results"]) {
      if (result.contains("ruleIndex")) result["ruleIndex"] = renumbered.at(result["ruleIndex"].get<std::size_t>());
    }
  }
  if (!run.contains("invocations")) return;
  for (ordered_json& invocation : run["invocations"]) {
    for (const char* kind : {"toolExecutionNotifications", "toolConfigurationNotifications"}) {
      if (!invocation.contains(kind)) continue;
      for (ordered_json& notification : invocation[kind]) {
        if (notification.contains("associatedRule") && notification["associatedRule"].contains("index")) {
          ordered_json& index = notification["associatedRule"]["index"];
          index = renumbered.at(index.get<std::size_t>());
        }
      }
    }
  }
}

// Gathers the case reports for the Multitool, into `logs`: each whose one
// run has the catalog of the reference log (the fleet's) as a run of a file
// of twenty, with the rules it names; any other as it is.
class CaseLogPacker {
 public:
  CaseLogPacker(const fs::path& reference_log, fs::path logs)
      : reference_(ordered_json::parse(read_file(reference_log))), logs_(std::move(logs)) {}

  // Adds the report at `path`; returns the rules that fired in it.
  std::set<std::string> add(const fs::path& path) {
    ordered_json log = ordered_json::parse(read_file(path));
    std::set<std::string> fired;
    for (const ordered_json& result : log["runs"][0]["results"]) fired.insert(result["ruleId"].get<std::string>());
    const ordered_json& catalog = reference_["runs"][0]["tool"]["driver"]["rules"];
    const bool same_catalog = log.size() == 3 && log.value("$schema", ordered_json()) == reference_["$schema"] &&
                              log.value("version", ordered_json()) == reference_["version"] &&
                              log["runs"].size() == 1 &&
                              log["runs"][0]["tool"]["driver"].value("rules", ordered_json()) == catalog;
    const std::string name = path.filename().string();
    if (!same_catalog) {
      fs::copy_file(path, logs_ / name);
      files_[name] = {name};
      return fired;
    }
    keep_named_rules(log["runs"][0], catalog);
    batch_.push_back(std::move(log["runs"][0]));
    batched_.push_back(name);
    if (batch_.size() == 20) write_batch();
    return fired;
  }

  // The files written, each with the reports it holds.
  const std::map<std::string, std::vector<std::string>>& finish() {
    write_batch();
    return files_;
  }

 private:
  void write_batch() {
    if (batch_.empty()) return;
    const std::string name = "cases-" + std::to_string(files_.size()) + ".sarif";
    const ordered_json log = {{"$schema", reference_["$schema"]}, {"version", reference_["version"]}, {"runs", batch_}};
    write_file(logs_ / name, log.dump());
    files_[name] = batched_;
    batch_ = ordered_json::array();
    batched_.clear();
  }

  ordered_json reference_;
  fs::path logs_;
  std::map<std::string, std::vector<std::string>> files_;
  ordered_json batch_ = ordered_json::array();
  std::vector<std::string> batched_;
};

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
  const fs::path case_logs = work.path() / "case-logs";
  fs::create_directories(logs);
  fs::create_directories(case_logs);

  const json catalog = json::parse(run_emglint({"rules", "--format", "json"}).out);
  std::set<std::string> all_rules;
  for (const json& rule : catalog) all_rules.insert(rule["id"]);

  const fs::path fleet = work.path() / "fleet";
  fs::create_directories(fleet);
  const std::set<std::string> fleet_rules = write_fleet_report(fleet, logs / "fleet.sarif");
  std::string missing;
  for (const auto& rule : all_rules) {
    if (fleet_rules.count(rule) == 0) missing += " " + rule;
  }
  INFO("rules that did not fire in the fleet's report:" << missing);
  CHECK(fleet_rules.size() * 10 >= all_rules.size() * 9);
  std::size_t other_reports = 1;

  CaseLogPacker packer(logs / "fleet.sarif", logs);
  std::set<std::string> fired;
  std::size_t case_reports = 0;
  for (const fs::path& case_dir : corpus_cases()) {
    if (needs_root(case_dir) && !running_as_root("building this case, which changes owners,")) continue;
    const std::string name = fs::relative(case_dir, source_dir() / "corpus" / "rules").string();
    std::string file = name;
    std::replace(file.begin(), file.end(), '/', '.');
    const fs::path case_work = work.path() / "cases" / file;
    fs::create_directories(case_work);
    const fs::path output = case_logs / (file + ".sarif");
    INFO(name);
    const int exit_code = run_corpus_case_to(case_dir, case_work, "sarif", output);
    if (!fs::exists(output)) {
      // Only a usage error, or --show-settings, which prints the settings instead, writes no report.
      const bool shows_settings =
          fs::exists(case_dir / "args") && read_file(case_dir / "args").find("--show-settings") != std::string::npos;
      CHECK((exit_code == 2 || shows_settings));
      continue;
    }
    for (const auto& rule : packer.add(output)) fired.insert(rule);
    ++case_reports;
  }
  // Across the corpus, every rule fires in some report.
  CHECK(fired == all_rules);

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
  ++other_reports;

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
      ++other_reports;
    }
  }

  const std::map<std::string, std::vector<std::string>>& files = packer.finish();
  std::size_t packed = 0;
  for (const auto& [file, held] : files) packed += held.size();
  CHECK(packed == case_reports);

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
  if (problems != 0) {
    for (const auto& [file, held] : files) {
      if (held.size() == 1) continue;
      std::string names;
      for (const std::string& name : held) names += " " + name;
      UNSCOPED_INFO(file << " holds the runs of" << names);
    }
  }
  CHECK(problems == 0);
  CHECK(status == 0);
  // The Multitool looked at every file (its artifacts list them, when it lists them).
  if (!validated.empty()) CHECK(validated.size() == files.size() + other_reports);
}
