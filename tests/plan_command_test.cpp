// `emglint plan`: where the example installation stands, in every format;
// the steps listed without a check; what it refuses.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

const std::string example = (source_dir() / "corpus" / "example" / "home" / "emg" / "etc").string();
const std::string example_rc_local = (source_dir() / "corpus" / "example" / "etc" / "rc.local").string();

// The example checked as a copy (--offline): no process on this host decides a step.
RunResult plan_of_example(std::vector<std::string> extra) {
  std::vector<std::string> arguments = {"plan", "--offline", "--rc-local", example_rc_local, example};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return run_emglint(arguments);
}

std::vector<std::string> statuses(const nlohmann::json& phase) {
  std::vector<std::string> found;
  for (const auto& step : phase["steps"]) found.push_back(step["status"]);
  return found;
}

}  // namespace

TEST_CASE("plan shows the example's prepare steps done and the start steps to take, and exits 1") {
  const RunResult result = plan_of_example({});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.empty());
  CHECK(result.out.starts_with(example + ": phase prepare (detected: "));
  CHECK(result.out.find("\nprepare, the phase it is in:\n"
                        "  done     1. put an active `BACKEND=TC` in the general section, above the first block\n") !=
        std::string::npos);
  CHECK(result.out.find("\nstart, the phase to reach:\n"
                        "  todo     1. point each of the seven tools in bin/ at its 7.2 copy with a link\n") !=
        std::string::npos);
  CHECK(result.out.find("bin/emgd: EMG401 `emgd` is a regular file") != std::string::npos);
  CHECK(result.out.find("           $ emglint check --fix --phase start\n") != std::string::npos);
  // Not checked here, so not done: emgd may not have started, and its log says nothing of 7.2 yet.
  CHECK(result.out.find("  by hand  5. start emgd 7.2\n           (EMG803 did not run (--offline); EMG804 did not run "
                        "(--offline))\n") != std::string::npos);
  CHECK(result.out.find("(after step 5, which could not be checked here)") != std::string::npos);
  CHECK(result.out.ends_with("\n1 to do, 0 blocked, 5 done, 10 to see to by hand\n"));
}

TEST_CASE("plan --format json gives each phase's steps with their status, findings and command") {
  const RunResult result = plan_of_example({"--format", "json"});
  CHECK(result.exit_code == 1);
  const auto json = nlohmann::json::parse(result.out);
  CHECK(json["schema_version"] == 1);
  CHECK(json["phase"]["detected"] == "prepare");
  REQUIRE(json["phases"].size() == 2);
  CHECK(json["phases"][0]["phase"] == "prepare");
  CHECK(statuses(json["phases"][0]) ==
        std::vector<std::string>{"done", "done", "manual", "manual", "done", "done", "manual", "done"});
  CHECK(json["phases"][1]["phase"] == "start");
  const auto& links = json["phases"][1]["steps"][0];
  CHECK(links["status"] == "todo");
  CHECK(links["command"] == "emglint check --fix --phase start");
  CHECK(links["findings"].size() == 7);
  CHECK(links["findings"][0]["rule"] == "EMG401");
  CHECK(json["summary"]["todo"] == 1);
}

TEST_CASE("plan --to commit shows the commit's steps, blocked behind the BACKEND line") {
  const RunResult result = plan_of_example({"--to", "commit", "--format", "markdown"});
  INFO(result.out);
  CHECK(result.exit_code == 1);
  CHECK(result.out.starts_with("# Upgrade plan: `" + example + "`\n\n## prepare, the phase it is in\n\n"));
  CHECK(result.out.find("\n## commit, the phase to reach\n") != std::string::npos);
  CHECK(result.out.find("- [ ] 3. comment out the BACKEND line (todo)\n  - `EMG104` ") != std::string::npos);
  CHECK(result.out.find("- [ ] 4. set `DLR_TO_SAME_IP` on the connectors that need it, if any (blocked)\n"
                        "  - after step 3\n") != std::string::npos);
}

TEST_CASE("plan --list lists every phase's steps and checks nothing") {
  const RunResult result = run_emglint({"plan", "--list"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.starts_with("prepare:\n  1. put an active `BACKEND=TC`"));
  for (const char* phase : {"\nstart:\n  1. ", "\ndowngrade:\n  1. ", "\ncommit:\n  1. "}) {
    CHECK(result.out.find(phase) != std::string::npos);
  }
  const auto json = nlohmann::json::parse(run_emglint({"plan", "--list", "--format", "json"}).out);
  CHECK(json.size() == 26);
  CHECK(json[0]["rules"] == nlohmann::json::array({"EMG101", "EMG102", "EMG103"}));
}

TEST_CASE("plan of a lone config tells no step of bin/ done, and why") {
  const RunResult result = run_emglint({"plan", example + "/server.cfg"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("  by hand  6. keep a copy of each 7.1 tool in bin/ as TOOL-7.1.N-BUILD\n"
                        "           (EMG301 does not run on a config; EMG407 does not run on a config)\n") !=
        std::string::npos);
}

TEST_CASE("plan needs one installation or config: a repository or a missing path is exit 2") {
  TemporaryDirectory work;
  write_file(work.path() / "a" / "server.cfg", "BACKEND=TC\n");
  write_file(work.path() / "b" / "server.cfg", "BACKEND=TC\n");
  RunResult result = run_emglint({"plan", work.path().string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "emglint: plan needs one installation or server.cfg; " + work.path().string() +
                          " holds 2 configs\n");
  result = run_emglint({"plan", (work.path() / "gone").string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("gone") != std::string::npos);
  CHECK(run_emglint({"plan", "--to", "later", example}).exit_code == 2);
}

TEST_CASE("plan prints no password of server.cfg, in any format") {
  TemporaryDirectory work;
  const fs::path config = work.path() / "server.cfg";
  // In the commit phase, EMG701 quotes the DB block that holds the password.
  write_file(config, "#BACKEND=TC\nDB emgdb <\nHOST=db\nPORT=3306\nUSERNAME=emg\nPASSWORD=Pl4nSecret9\nDBNAME=emg\n>\n");
  for (const char* format : {"text", "json", "markdown"}) {
    INFO(format);
    const RunResult result = run_emglint({"plan", "--format", format, "--to", "commit", config.string()});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("EMG701") != std::string::npos);
    CHECK(result.out.find("Pl4nSecret9") == std::string::npos);
    CHECK(result.err.find("Pl4nSecret9") == std::string::npos);
  }
}

TEST_CASE("plan prints a path's control characters as ?, in text and markdown") {
  TemporaryDirectory work;
  const fs::path config = work.path() / "site\x1b[2J" / "server.cfg";
  write_file(config, "CONNECTOR c <\nINSTANCES=2\n>\n");  // no BACKEND: prepare step 1 is to do
  for (const char* format : {"text", "markdown"}) {
    INFO(format);
    const RunResult result = run_emglint({"plan", "--format", format, config.string()});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("EMG101") != std::string::npos);
    CHECK(result.out.find('\x1b') == std::string::npos);
    CHECK(result.out.find("site?[2J") != std::string::npos);
  }
}

TEST_CASE("plan stops with exit 2 where check would: a boot script that cannot be read") {
  TemporaryDirectory work;
  const fs::path fifo = work.path() / "rc.local";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const RunResult result = run_emglint({"plan", "--offline", "--rc-local", fifo.string(), example});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err.find("rc.local: not a regular file") != std::string::npos);
  // check says the same of it.
  const RunResult check = run_emglint({"check", "--offline", "--rc-local", fifo.string(), example});
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("rc.local: not a regular file") != std::string::npos);
}
