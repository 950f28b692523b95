// The bundled example installation, and copies of it altered into each phase
// of the upgrade and into typical mistakes, give exactly the expected findings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <stdexcept>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

const char* const tools[] = {"emgclient", "emgd", "emgload", "emgpdu", "emgsend", "emgsink", "emgstat"};

struct Outcome {
  std::string phase;
  bool certain = true;
  std::multiset<std::string> findings;  // "RULE severity"
  int exit_code = 0;
};

// A copy of the example: installation in `emg`, its boot script in `rc.local`.
class ExampleCopy {
 public:
  ExampleCopy() {
    const fs::path example = source_dir() / "corpus" / "example";
    fs::copy(example / "home" / "emg" / "etc", root(), fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    fs::copy_file(example / "etc" / "rc.local", rc_local());
    fs::permissions(config(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  }
  [[nodiscard]] fs::path root() const { return dir_.path() / "emg"; }
  [[nodiscard]] fs::path rc_local() const { return dir_.path() / "rc.local"; }
  [[nodiscard]] fs::path config() const { return root() / "server.cfg"; }

  void link_tool(const std::string& tool, const std::string& version) const {
    fs::remove(root() / "bin" / tool);
    fs::create_symlink(tool + "-" + version, root() / "bin" / tool);
  }
  void link_all_tools(const std::string& version) const {
    for (const char* tool : tools) link_tool(tool, version);
  }
  // Start step 1 done for every tool but emgd.
  void link_all_tools_but_emgd(const std::string& version) const {
    for (const char* tool : tools) {
      if (std::string(tool) != "emgd") link_tool(tool, version);
    }
  }
  void edit_config(const std::string& from, const std::string& to) const {
    std::string text = read_file(config());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    write_file(config(), text);
  }

  [[nodiscard]] RunResult run(std::vector<std::string> extra) const {
    // Never the machine's PAM: with none to read, a plain `su` is not suspected of resetting the limit.
    // A copy that runs nowhere: what this machine runs is no part of a scenario.
    std::vector<std::string> arguments = {"check", "--format", "json", "--offline", "--rc-local", rc_local().string()};
    arguments.insert(arguments.end(), {"--pam-dir", (dir_.path() / "pam.d").string()});
    arguments.insert(arguments.end(), {"--limits-conf", (dir_.path() / "limits.conf").string()});
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    arguments.push_back(root().string());
    return run_emglint(arguments);
  }
  [[nodiscard]] nlohmann::json report(std::vector<std::string> extra = {}) const {
    const RunResult result = run(std::move(extra));
    INFO(result.err);
    return nlohmann::json::parse(result.out);
  }

  [[nodiscard]] Outcome check(std::vector<std::string> extra = {}) const {
    const RunResult result = run(std::move(extra));
    INFO(result.err);
    const auto report = nlohmann::json::parse(result.out);
    Outcome outcome;
    outcome.phase = report["targets"][0]["phase"]["effective"];
    outcome.certain = report["targets"][0]["phase"]["certain"];
    for (const auto& finding : report["findings"]) {
      outcome.findings.insert(finding["rule"].get<std::string>() + " " + finding["severity"].get<std::string>());
    }
    outcome.exit_code = result.exit_code;
    return outcome;
  }

 private:
  TemporaryDirectory dir_;
};

using Findings = std::multiset<std::string>;

}  // namespace

TEST_CASE("the example installation is a clean prepare phase") {
  ExampleCopy example;
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "prepare");
  CHECK(outcome.findings == Findings{});
  CHECK(outcome.exit_code == 0);
}

TEST_CASE("the bundled example as shipped reports no error") {
  const fs::path example = source_dir() / "corpus" / "example";
  const RunResult result = run_emglint({"check", "--format", "json", "--rc-local", (example / "etc/rc.local").string(),
                                        (example / "home/emg/etc").string()});
  CHECK(result.exit_code == 0);
  const auto report = nlohmann::json::parse(result.out);
  CHECK(report["summary"]["error"] == 0);
  CHECK(report["targets"][0]["phase"]["effective"] == "prepare");
  CHECK(report["targets"][0]["facts"]["connector_instances"] == 33);
  CHECK(report["targets"][0]["facts"]["open_files_needed"] == 66);
  CHECK(report["targets"][0]["facts"]["open_files_limit"] == 4096);
}

TEST_CASE("start phase with every tool linked to 7.2 and BACKEND kept") {
  ExampleCopy example;
  example.link_all_tools("7.2.0-50785");
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "start");
  CHECK(outcome.findings == Findings{});
}

TEST_CASE("start with a tool not linked") {
  ExampleCopy example;
  example.link_all_tools("7.2.0-50785");
  fs::remove(example.root() / "bin" / "emgsend");
  fs::copy_file(example.root() / "bin" / "emgsend-7.1.3-48765", example.root() / "bin" / "emgsend");
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "start");
  CHECK(outcome.findings == Findings{"EMG401 error"});
  CHECK(outcome.exit_code == 1);
}

TEST_CASE("downgrade phase with emgd linked back to 7.1 and the other tools on 7.2") {
  ExampleCopy example;
  example.link_all_tools("7.2.0-50785");
  example.link_tool("emgd", "7.1.3-48765");
  write_file(example.root() / "log" / "general", "Nov 25 09:00:00.000001 INFO emgd 7.2.0-50785 starting\n");
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "downgrade");
  CHECK(outcome.findings == Findings{});
}

TEST_CASE("downgrade with LevelDB data present") {
  ExampleCopy example;
  example.link_all_tools("7.2.0-50785");
  example.link_tool("emgd", "7.1.3-48765");
  write_file(example.root() / "spool" / "leveldb" / "000005.ldb", "data");
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "downgrade");
  CHECK(outcome.findings == Findings{"EMG802 error"});
}

TEST_CASE("commit phase with BACKEND commented out and the DB in the ADDRESS form") {
  ExampleCopy example;
  example.link_all_tools("7.2.0-50785");
  example.edit_config("BACKEND=TC", "#BACKEND=TC");
  example.edit_config("HOST=127.0.0.1\nPORT=3306\nUSERNAME=emguser\nPASSWORD=s3cr3t-example\nDBNAME=emg\n",
                      "ADDRESS=emguser:s3cr3t-example@127.0.0.1:3306/emg\n");
  example.edit_config("CONNECTOR smpp-in <\n", "CONNECTOR smpp-in <\nDLR_TO_SAME_IP\n");
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "commit");
  CHECK(outcome.findings == Findings{});
}

TEST_CASE("commit with BACKEND still set") {
  ExampleCopy example;
  example.link_all_tools("7.2.0-50785");
  example.edit_config("HOST=127.0.0.1\nPORT=3306\nUSERNAME=emguser\nPASSWORD=s3cr3t-example\nDBNAME=emg\n",
                      "ADDRESS=emguser:s3cr3t-example@127.0.0.1:3306/emg\n");
  const Outcome outcome = example.check({"--phase", "commit"});
  CHECK(outcome.phase == "commit");
  CHECK(outcome.findings == Findings{"EMG104 error"});
}

TEST_CASE("the rc.local ulimit after the watchdog") {
  ExampleCopy example;
  write_file(example.rc_local(),
             "#!/bin/sh -e\nsu emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\nulimit -n 4096\nexit 0\n");
  fs::permissions(example.rc_local(), fs::perms::owner_all);
  const Outcome outcome = example.check();
  CHECK(outcome.phase == "prepare");
  CHECK(outcome.findings == Findings{"EMG602 error"});
}

TEST_CASE("a plain emgd that answers 7.2 to -v counts as 7.2 with --probe-versions") {
  ExampleCopy example;
  fs::remove(example.root() / "bin" / "emgd");
  write_file(example.root() / "bin" / "emgd", "#!/bin/sh\necho \"emgd version 7.2.0 build 50785\"\n");
  fs::permissions(example.root() / "bin" / "emgd", fs::perms::owner_all);
  CHECK(example.check().phase == "prepare");  // a plain file is taken as 7.1 unless a probe says otherwise
  CHECK(example.check({"--probe-versions"}).phase == "start");
}

TEST_CASE("the phase does not depend on the path that names the installation") {
  ExampleCopy example;
  const fs::path alias = example.root().parent_path() / "alias";
  fs::create_directory_symlink(example.root(), alias);
  // Absolute links through the other name still point into bin/.
  for (const char* tool : tools) {
    fs::remove(example.root() / "bin" / tool);
    fs::create_symlink(alias / "bin" / (std::string(tool) + "-7.2.0-50785"), example.root() / "bin" / tool);
  }
  const RunResult through_alias = run_emglint(
      {"check", "--format", "json", "--select", "EMG4", "--rc-local", example.rc_local().string(), alias.string()});
  const RunResult through_root = run_emglint({"check", "--format", "json", "--select", "EMG4", "--rc-local",
                                              example.rc_local().string(), example.root().string()});
  const auto alias_report = nlohmann::json::parse(through_alias.out);
  const auto root_report = nlohmann::json::parse(through_root.out);
  CHECK(alias_report["targets"][0]["phase"]["effective"] == "start");
  CHECK(root_report["targets"][0]["phase"]["effective"] == "start");
  CHECK(alias_report["findings"].size() == root_report["findings"].size());
  for (const auto& finding : root_report["findings"]) {
    CHECK(finding["rule"] == "EMG404");  // absolute links are worth a warning, nothing more
  }
}

namespace {

const std::string legacy_db = "HOST=127.0.0.1\nPORT=3306\nUSERNAME=emguser\nPASSWORD=s3cr3t-example\nDBNAME=emg\n";
const std::string address_db = "ADDRESS=emguser:s3cr3t-example@127.0.0.1:3306/emg\n";

void log_starts(const ExampleCopy& example, const std::vector<std::string>& versions) {
  std::string log;
  for (const auto& version : versions) log += "Nov 25 09:00:00.000001 INFO emgd " + version + " starting\n";
  write_file(example.root() / "log" / "general", log);
}

}  // namespace

TEST_CASE("walking the procedure step by step, the detected phase and findings follow each step") {
  ExampleCopy example;
  const auto expect = [&](const std::string& step, const std::string& phase, const Findings& findings) {
    INFO(step);
    const Outcome outcome = example.check();
    CHECK(outcome.phase == phase);
    CHECK(outcome.certain);
    CHECK(outcome.findings == findings);
  };
  expect("prepare: BACKEND=TC added, versioned copies made", "prepare", {});
  example.link_all_tools("7.2.0-50785");
  expect("start: every tool linked to its 7.2 copy", "start", {});
  log_starts(example, {"7.1.3-48765", "7.2.0-50785"});
  expect("start: emgd restarted on 7.2", "start", {});
  example.link_all_tools("7.1.3-48765");
  log_starts(example, {"7.1.3-48765", "7.2.0-50785", "7.1.3-48765"});
  expect("downgrade: every tool relinked to 7.1 and emgd restarted", "downgrade", {});
  example.link_all_tools("7.2.0-50785");
  log_starts(example, {"7.1.3-48765", "7.2.0-50785", "7.1.3-48765", "7.2.0-50785"});
  expect("start again after the downgrade", "start", {});
  example.edit_config("BACKEND=TC", "#BACKEND=TC");
  expect("commit: BACKEND commented out, the DB block not yet rewritten", "commit", {"EMG701 error"});
  example.edit_config(legacy_db, address_db);
  expect("commit: the DB block in the ADDRESS form", "commit", {});
  example.edit_config("CONNECTOR smpp-in <\n", "CONNECTOR smpp-in <\nDLR_TO_SAME_IP\n");
  write_file(example.root() / "spool" / "leveldb" / "000005.ldb", "data");
  expect("commit: DLR_TO_SAME_IP set and LevelDB written", "commit", {});
}

TEST_CASE("the procedure's typical mistakes get the phase their signs support, and say when they disagree") {
  SECTION("BACKEND never added, then every tool linked to 7.2") {
    ExampleCopy example;
    example.edit_config("BACKEND=TC\n", "");
    example.link_all_tools("7.2.0-50785");
    const Outcome outcome = example.check();
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(outcome.findings == Findings{"EMG101 error", "EMG110 error"});
  }
  SECTION("everything committed but BACKEND=TC left active") {
    ExampleCopy example;
    example.link_all_tools("7.2.0-50785");
    example.edit_config(legacy_db, address_db);
    example.edit_config("CONNECTOR smpp-in <\n", "CONNECTOR smpp-in <\nDLR_TO_SAME_IP\n");
    write_file(example.root() / "spool" / "leveldb" / "000005.ldb", "data");
    const Outcome outcome = example.check();
    // One deliberate step each way (DLR_TO_SAME_IP beside BACKEND=TC is no step): a tie goes to the earlier phase.
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(outcome.findings == Findings{"EMG201 error", "EMG703 error", "EMG802 warning", "EMG110 error"});
  }
  SECTION("bin/emgd deleted before the start phase, no link made") {
    ExampleCopy example;
    fs::remove(example.root() / "bin" / "emgd");
    const Outcome outcome = example.check();
    CHECK(outcome.phase == "prepare");
    CHECK_FALSE(outcome.certain);  // or start step 1 begun with emgd
    CHECK(outcome.findings == Findings{"EMG407 error", "EMG110 error"});
  }
  SECTION("the ulimit value given through a variable") {
    ExampleCopy example;
    write_file(example.rc_local(),
               "#!/bin/sh -e\nNOFILE=4096\nulimit -n $NOFILE\n"
               "su emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\nexit 0\n");
    fs::permissions(example.rc_local(), fs::perms::owner_all);
    const Outcome outcome = example.check();
    CHECK(outcome.phase == "prepare");
    CHECK(outcome.findings == Findings{});
  }
}

namespace {

// A state an operator can leave the installation in, by name, for tests that
// go over every one of them.
struct Scenario {
  std::string name;
  void (*make)(const ExampleCopy& example);
};

void commit_config(const ExampleCopy& example) {
  example.edit_config("BACKEND=TC", "#BACKEND=TC");
  example.edit_config(legacy_db, address_db);
  example.edit_config("CONNECTOR smpp-in <\n", "CONNECTOR smpp-in <\nDLR_TO_SAME_IP\n");
}

// The copy in bin/ replaced by a link into an unpacked download that holds its bytes.
void link_copy_into_download(const ExampleCopy& example, const std::string& copy) {
  const fs::path download = example.root().parent_path() / "emg-7.2.0" / "bin";
  fs::create_directories(download);
  const std::string tool = copy.substr(0, copy.find('-'));
  fs::copy_file(example.root() / "bin" / copy, download / tool);
  fs::remove(example.root() / "bin" / copy);
  fs::create_symlink(download / tool, example.root() / "bin" / copy);
}

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> all = {
      {"prepared", [](const ExampleCopy&) {}},
      {"started", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785"});
       }},
      {"downgraded", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         e.link_tool("emgd", "7.1.3-48765");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785", "7.1.3-48765"});
       }},
      {"committed", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         commit_config(e);
         write_file(e.root() / "spool" / "leveldb" / "000005.ldb", "data");
       }},
      {"BACKEND never added, 7.2 started and wrote spool/leveldb", [](const ExampleCopy& e) {
         e.edit_config("BACKEND=TC\n", "");
         e.link_all_tools("7.2.0-50785");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785"});
         write_file(e.root() / "spool" / "leveldb" / "000005.ldb", "data");
       }},
      {"start step 1 half done: emgd removed, not yet linked, 7.2 ran", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785"});
         fs::remove(e.root() / "bin" / "emgd");
       }},
      {"emgd a dangling link to a deleted 7.1 copy, the others on 7.2, 7.2 ran", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785"});
         e.link_tool("emgd", "7.1.3-48765");
         fs::remove(e.root() / "bin" / "emgd-7.1.3-48765");
       }},
      {"six tools linked to 7.2, emgd still the plain 7.1 file, 7.2 never ran",
       [](const ExampleCopy& e) { e.link_all_tools_but_emgd("7.2.0-50785"); }},
      {"emgd linked to a 7.2 copy that is a link into the download", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         link_copy_into_download(e, "emgd-7.2.0-50785");
       }},
      {"7.1 running, DLR_TO_SAME_IP added beside BACKEND=TC", [](const ExampleCopy& e) {
         e.edit_config("CONNECTOR smpp-in <\n", "CONNECTOR smpp-in <\nDLR_TO_SAME_IP\n");
       }},
      {"an approved DLR_TO_SAME_IP beside BACKEND=TC", [](const ExampleCopy& e) {
         e.edit_config("CONNECTOR smpp-in <\n",
                       "CONNECTOR smpp-in <\n# emglint: ignore EMG201 -- approved\nDLR_TO_SAME_IP\n");
       }},
      {"downgrade after commit: emgd linked back to 7.1, spool/leveldb written", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         commit_config(e);
         write_file(e.root() / "spool" / "leveldb" / "000005.ldb", "data");
         e.link_tool("emgd", "7.1.3-48765");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785", "7.1.3-48765"});
       }},
      {"emgd linked back to 7.1, the others on 7.2, no sign that 7.2 ran", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         e.link_tool("emgd", "7.1.3-48765");
       }},
      {"everything committed but BACKEND=TC left active", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         e.edit_config(legacy_db, address_db);
         e.edit_config("CONNECTOR smpp-in <\n", "CONNECTOR smpp-in <\nDLR_TO_SAME_IP\n");
         write_file(e.root() / "spool" / "leveldb" / "000005.ldb", "data");
       }},
      {"bin/emgd deleted before the start phase", [](const ExampleCopy& e) { fs::remove(e.root() / "bin" / "emgd"); }},
      {"the 7.1 copy of emgd a link back to the plain emgd, the others on 7.2", [](const ExampleCopy& e) {
         e.link_all_tools_but_emgd("7.2.0-50785");
         fs::remove(e.root() / "bin" / "emgd-7.1.3-48765");
         fs::create_symlink("emgd", e.root() / "bin" / "emgd-7.1.3-48765");
       }},
      {"six tools on 7.2, emgd still the plain 7.1 file, 7.2 ran once", [](const ExampleCopy& e) {
         e.link_all_tools_but_emgd("7.2.0-50785");
         log_starts(e, {"7.1.3-48765", "7.2.0-50785"});
       }},
      {"emgd removed, the others on 7.2, no sign that 7.2 ran", [](const ExampleCopy& e) {
         e.link_all_tools("7.2.0-50785");
         fs::remove(e.root() / "bin" / "emgd");
       }},
  };
  return all;
}

const Scenario& scenario(const std::string& name) {
  for (const Scenario& each : scenarios()) {
    if (each.name == name) return each;
  }
  throw std::runtime_error("no scenario " + name);
}

// Every fix of the report, as "RULE object: description", with its safety.
std::map<std::string, std::string> fixes_of(const nlohmann::json& report) {
  std::map<std::string, std::string> fixes;
  for (const auto& finding : report["findings"]) {
    if (finding["fix"].is_null()) continue;
    fixes[finding["rule"].get<std::string>() + " " + finding["object"].get<std::string>() + ": " +
          finding["fix"]["description"].get<std::string>()] = finding["fix"]["safety"];
  }
  return fixes;
}

std::vector<std::string> alternatives_of(const nlohmann::json& report) {
  std::vector<std::string> phases;
  for (const auto& reading : report["targets"][0]["phase"]["alternatives"]) phases.push_back(reading["phase"]);
  return phases;
}

}  // namespace

TEST_CASE("states left in the middle of a step get the phase their deliberate signs support") {
  const auto outcome_of = [](const std::string& name) {
    ExampleCopy example;
    scenario(name).make(example);
    return std::make_pair(example.check(), example.report());
  };
  SECTION("BACKEND never added, 7.2 started: start or commit, and no commit fix offered") {
    const auto [outcome, report] = outcome_of("BACKEND never added, 7.2 started and wrote spool/leveldb");
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(alternatives_of(report) == std::vector<std::string>{"commit"});
    CHECK(outcome.findings == Findings{"EMG101 error", "EMG110 error"});
    for (const auto& [fix, safety] : fixes_of(report)) {
      INFO(fix);
      if (fix.starts_with("EMG101 ")) CHECK(safety == "display-only");
    }
  }
  SECTION("emgd removed in the middle of start step 1: start or downgrade, emgd's fix only shown") {
    const auto [outcome, report] = outcome_of("start step 1 half done: emgd removed, not yet linked, 7.2 ran");
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(alternatives_of(report) == std::vector<std::string>{"downgrade"});
    CHECK(outcome.findings == Findings{"EMG401 error", "EMG110 error"});
    CHECK(fixes_of(report) ==
          std::map<std::string, std::string>{{"EMG401 bin/emgd: link bin/emgd to emgd-7.2.0-50785", "display-only"}});
  }
  SECTION("emgd dangling, the other tools on 7.2: start or downgrade, no relink of emgd applied") {
    const auto [outcome, report] =
        outcome_of("emgd a dangling link to a deleted 7.1 copy, the others on 7.2, 7.2 ran");
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(alternatives_of(report) == std::vector<std::string>{"downgrade"});
    CHECK(outcome.findings.count("EMG402 error") == 1);
    for (const auto& [fix, safety] : fixes_of(report)) {
      INFO(fix);
      if (fix.find("bin/emgd:") != std::string::npos) CHECK(safety == "display-only");
    }
  }
  SECTION("six tools on 7.2 beside a plain 7.1 emgd, 7.2 never ran: start, certain, EMG401 fixes emgd") {
    const auto [outcome, report] = outcome_of("six tools linked to 7.2, emgd still the plain 7.1 file, 7.2 never ran");
    CHECK(outcome.phase == "start");
    CHECK(outcome.certain);
    CHECK(outcome.findings == Findings{"EMG401 error"});
    CHECK(outcome.exit_code == 1);
    CHECK(fixes_of(report) == std::map<std::string, std::string>{
                                  {"EMG401 bin/emgd: replace bin/emgd with a link to emgd-7.2.0-50785", "safe"}});
  }
  SECTION("a versioned copy linked into the download counts as the release it names") {
    const auto [outcome, report] = outcome_of("emgd linked to a 7.2 copy that is a link into the download");
    CHECK(outcome.phase == "start");
    CHECK(outcome.certain);
    CHECK(outcome.findings == Findings{"EMG309 warning"});
  }
  SECTION("DLR_TO_SAME_IP beside BACKEND=TC is the mistake EMG201 names, not a sign of commit") {
    const auto [outcome, report] = outcome_of("7.1 running, DLR_TO_SAME_IP added beside BACKEND=TC");
    CHECK(outcome.phase == "prepare");
    CHECK(outcome.certain);
    CHECK(outcome.findings == Findings{"EMG201 error"});
    CHECK(fixes_of(report).size() == 1);
    CHECK(fixes_of(report).begin()->second == "unsafe");
  }
  SECTION("an approved DLR_TO_SAME_IP weighs nothing and fails nothing") {
    const auto [outcome, report] = outcome_of("an approved DLR_TO_SAME_IP beside BACKEND=TC");
    CHECK(outcome.phase == "prepare");
    CHECK(outcome.certain);
    CHECK(outcome.exit_code == 0);
  }
  SECTION("a downgrade after commit: the messages in spool/leveldb are an error whatever BACKEND says") {
    const auto [outcome, report] = outcome_of("downgrade after commit: emgd linked back to 7.1, spool/leveldb written");
    CHECK(outcome.phase == "downgrade");
    CHECK(outcome.findings.count("EMG802 error") == 1);
  }
  SECTION("a versioned name that links back to the plain emgd preserves nothing: its replacement is never safe") {
    const auto [outcome, report] = outcome_of("the 7.1 copy of emgd a link back to the plain emgd, the others on 7.2");
    CHECK(outcome.phase == "start");
    for (const auto& [fix, safety] : fixes_of(report)) {
      INFO(fix);
      if (fix.starts_with("EMG401 bin/emgd:")) CHECK(safety != "safe");
      CHECK(fix.find("copy of <") == std::string::npos);
    }
  }
  SECTION("a plain 7.1 emgd beside tools on 7.2 is start, or a downgrade when 7.2 ran; never a certain downgrade") {
    const auto [outcome, report] = outcome_of("six tools on 7.2, emgd still the plain 7.1 file, 7.2 ran once");
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(alternatives_of(report) == std::vector<std::string>{"downgrade"});
    CHECK(outcome.findings.count("EMG401 error") == 1);
  }
  SECTION("emgd removed with the others on 7.2 is never certain, so its relink is only shown") {
    const auto [outcome, report] = outcome_of("emgd removed, the others on 7.2, no sign that 7.2 ran");
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    for (const auto& [fix, safety] : fixes_of(report)) {
      INFO(fix);
      if (fix.find("bin/emgd:") != std::string::npos) CHECK(safety == "display-only");
    }
  }
  SECTION("emgd linked back to 7.1 with no sign that 7.2 ran: start or downgrade") {
    const auto [outcome, report] = outcome_of("emgd linked back to 7.1, the others on 7.2, no sign that 7.2 ran");
    CHECK(outcome.phase == "start");
    CHECK_FALSE(outcome.certain);
    CHECK(alternatives_of(report) == std::vector<std::string>{"downgrade"});
  }
}

TEST_CASE("no fix is applied that a reading the signs allow would not apply alike") {
  for (const Scenario& each : scenarios()) {
    DYNAMIC_SECTION(each.name) {
      ExampleCopy example;
      each.make(example);
      const nlohmann::json report = example.report();
      std::vector<std::string> readings = alternatives_of(report);
      readings.push_back(report["targets"][0]["phase"]["effective"]);
      const std::map<std::string, std::string> offered = fixes_of(report);
      for (const std::string& phase : readings) {
        const std::map<std::string, std::string> pinned = fixes_of(example.report({"--phase", phase}));
        for (const auto& [fix, safety] : offered) {
          if (safety == "display-only") continue;
          INFO(fix << " (" << safety << ") read as " << phase);
          CHECK(pinned.count(fix) == 1);
        }
      }
    }
  }
}
