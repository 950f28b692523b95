// Adopting a fleet with a baseline: what is recorded stops failing the run,
// what is new still does, and a broken baseline file is a usage error.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

TEST_CASE("a written baseline adopts today's findings, and only new ones fail later runs") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("configs/a/server.cfg", "BACKEND=TC\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n");
  write_file("configs/b/server.cfg", "CONNECTOR x <\nINSTANCES=2\n>\n");

  const RunResult written = run_emglint({"check", "--phase", "prepare", "--write-baseline", "baseline.json", "configs"});
  CHECK(written.exit_code == 0);
  const auto baseline = nlohmann::json::parse(read_file("baseline.json"));
  REQUIRE(baseline["entries"].size() == 2);
  CHECK(baseline["schema_version"] == 2);
  CHECK(baseline["entries"][0]["path"] == "configs/a/server.cfg");  // relative to the baseline's directory
  CHECK(baseline["entries"][0]["object"] == "CONNECTOR smpp-out/DLR_TO_SAME_IP");

  // Unrelated lines above a recorded finding do not bring it back.
  write_file("configs/a/server.cfg", "# moved down\nBACKEND=TC\n\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n");
  const RunResult adopted = run_emglint({"check", "--phase", "prepare", "--baseline", "baseline.json", "configs"});
  CHECK(adopted.exit_code == 0);
  CHECK(adopted.out.find("2 suppressed") != std::string::npos);

  write_file("configs/c/server.cfg", "CONNECTOR y <\nINSTANCES=2\n>\n");
  const RunResult grown = run_emglint({"check", "--phase", "prepare", "--baseline", "baseline.json", "configs"});
  CHECK(grown.exit_code == 1);
  CHECK(grown.out.find("configs/c/server.cfg:1:1: error[EMG101]") != std::string::npos);
  CHECK(grown.out.find("configs/b/server.cfg:1:1") == std::string::npos);
}

TEST_CASE("a finding about a block named in Latin-1 is written to the baseline and matched by it") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  // 0xE9 is `é` in Latin-1 and no UTF-8: JSON holds it as U+FFFD.
  write_file("configs/a/server.cfg", "BACKEND=TC\nCONNECTOR caf\xE9 <\nDLR_TO_SAME_IP\n>\n");

  const RunResult written = run_emglint({"check", "--phase", "prepare", "--write-baseline", "baseline.json", "configs"});
  CHECK(written.exit_code == 0);
  CHECK(written.err.empty());
  const auto baseline = nlohmann::json::parse(read_file("baseline.json"));
  REQUIRE(baseline["entries"].size() == 1);
  CHECK(baseline["entries"][0]["object"] == "CONNECTOR caf\xEF\xBF\xBD/DLR_TO_SAME_IP");

  const RunResult adopted = run_emglint({"check", "--phase", "prepare", "--baseline", "baseline.json", "configs"});
  CHECK(adopted.exit_code == 0);
  CHECK(adopted.out.find("1 suppressed") != std::string::npos);
}

TEST_CASE("a baseline file that cannot be read or understood is exit code 2, saying why") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("server.cfg", "BACKEND=TC\n");
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"{", "not JSON"},
      {"{\"entries\": 3}", "needs an `entries` array"},
      {"{\"entries\": [{\"rule\": \"EMG201\", \"path\": \"server.cfg\"}]}", "entry 1: `object` is missing"},
      {"{\"entries\": [{\"rule\": \"EMG201\", \"path\": \"x\", \"object\": \"o\", \"expire\": \"2030-01-01\"}]}",
       "entry 1: unknown key `expire`"},
      {"{\"entries\": [{\"rule\": \"EMG201\", \"path\": \"x\", \"object\": \"o\", \"expires\": \"soon\"}]}",
       "`expires` must be a date"},
      // Numbers a double cannot hold escape JSON's parse errors as other exceptions.
      {"{\"schema_version\": 1e400, \"entries\": []}", "not an emglint baseline"},
      {"{\"entries\": [], \"x\": -1e999}", "not an emglint baseline"},
      // Writing a value back out recurses once per level: a million would overflow the stack.
      {"{\"schema_version\": " + std::string(1'000'000, '[') + std::string(1'000'000, ']') + ", \"entries\": []}",
       "not an emglint baseline: it nests arrays and objects more than 100 levels deep"},
  };
  for (const auto& [text, message] : broken) {
    write_file("baseline.json", text);
    const RunResult result = run_emglint({"check", "--baseline", "baseline.json", "server.cfg"});
    INFO(text);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(message) != std::string::npos);
    CHECK(result.err.find("internal error") == std::string::npos);
  }
  CHECK(run_emglint({"check", "--baseline", "missing.json", "server.cfg"}).exit_code == 2);
}

TEST_CASE("refreshing a baseline keeps each entry's reason and expiry, also an expired one") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("server.cfg", "CONNECTOR x <\nINSTANCES=2\n>\n");
  write_file("baseline.json",
             R"({"entries": [{"rule": "EMG101", "path": "server.cfg", "object": "general/BACKEND",
                 "reason": "adopted in CHG-1", "expires": "2001-01-31"}]})");
  const RunResult refreshed = run_emglint(
      {"check", "--phase", "prepare", "--baseline", "baseline.json", "--write-baseline", "baseline.json", "server.cfg"});
  CHECK(refreshed.exit_code == 1);  // still expired: refreshing does not renew it
  const auto baseline = nlohmann::json::parse(read_file("baseline.json"));
  REQUIRE(baseline["entries"].size() == 1);
  CHECK(baseline["entries"][0]["reason"] == "adopted in CHG-1");
  CHECK(baseline["entries"][0]["expires"] == "2001-01-31");
  // A version 1 file (paths relative to the PATH checked) is rewritten as version 2.
  CHECK(baseline["schema_version"] == 2);
}

TEST_CASE("a baseline matches however PATH is spelled and wherever emglint runs") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("repo/sites/site01/server.cfg", "BACKEND=TC\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n");
  write_file("repo/sites/site02/server.cfg", "CONNECTOR x <\nINSTANCES=2\n>\n");
  {
    ScopedWorkingDirectory in_repo(work.path() / "repo");
    REQUIRE(run_emglint({"check", "--phase", "prepare", "--write-baseline", "baseline.json", "."}).exit_code == 0);
  }
  const auto baseline = nlohmann::json::parse(read_file("repo/baseline.json"));
  REQUIRE(baseline["entries"].size() == 2);
  CHECK(baseline["entries"][0]["path"] == "sites/site01/server.cfg");

  const std::string absolute_sites = (work.path() / "repo" / "sites").string();
  const std::vector<std::pair<fs::path, std::vector<std::string>>> spellings = {
      {work.path() / "repo", {"sites"}},
      {work.path() / "repo", {"./sites/"}},
      {work.path() / "repo", {absolute_sites}},
      {work.path() / "repo" / "sites", {"."}},
      {work.path() / "repo" / "sites" / "site02", {"server.cfg"}},
      {work.path(), {"repo/sites/site01/server.cfg", "repo/sites/site02/server.cfg"}},
  };
  for (const auto& [directory, paths] : spellings) {
    ScopedWorkingDirectory in_directory(directory);
    std::vector<std::string> arguments = {"check", "--phase", "prepare", "--baseline",
                                          (work.path() / "repo" / "baseline.json").string()};
    arguments.insert(arguments.end(), paths.begin(), paths.end());
    const RunResult result = run_emglint(arguments);
    INFO(directory.string() << ": " << fmt::format("{}", fmt::join(paths, " ")) << "\n" << result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("suppressed") != std::string::npos);
  }
}

TEST_CASE("a second finding about one object is the new one, wherever it is inserted") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  const std::string before = "BACKEND=TC\nCONNECTOR smpp-out <\nINSTANCES=1\nDLR_TO_SAME_IP\n>\n";
  write_file("site/server.cfg", before);
  REQUIRE(run_emglint({"check", "--phase", "prepare", "--write-baseline", "baseline.json", "site"}).exit_code == 0);

  // The same option again, at the top of the connector: the order would take
  // the new line for the recorded one, and report the old line as new.
  write_file("site/server.cfg", "BACKEND=TC\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\nINSTANCES=1\nDLR_TO_SAME_IP\n>\n");
  const RunResult result =
      run_emglint({"check", "--phase", "prepare", "--format", "json", "--baseline", "baseline.json", "site"});
  CHECK(result.exit_code == 1);
  const auto report = nlohmann::json::parse(result.out);
  std::vector<int> new_lines;
  std::vector<int> baselined_lines;
  for (const auto& finding : report["findings"]) {
    if (finding["rule"] != "EMG201") continue;
    (finding["suppression"].is_null() ? new_lines : baselined_lines).push_back(finding["line"].get<int>());
  }
  CHECK(new_lines == std::vector<int>{3});
  CHECK(baselined_lines == std::vector<int>{5});
}
