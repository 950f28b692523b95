// `check --host` and `emglint merge` as scripts see them: the host in each
// format, the same bytes whatever the order of the reports, the exit codes,
// and what merge makes of files that are no host's report.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "fuzz/fuzz_targets.h"
#include "merge/fleet.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;
using nlohmann::json;

namespace {

const fs::path reports_dir() { return source_dir() / "corpus" / "merge" / "reports"; }

std::string report(const std::string& name) { return (reports_dir() / name).string(); }

RunResult merge(std::vector<std::string> words) {
  words.insert(words.begin(), "merge");
  return run_emglint(words);
}

// A config with one finding of each severity but error: a keyword in lower
// case (info) and a duplicate option (warning).
const std::string config_with_findings =
    "BACKEND=TC\n"
    "loglevel=INFO\n"
    "CONNECTOR smpp-in <\n"
    "INSTANCES=20\n"
    ">\n";

}  // namespace

TEST_CASE("check --host records the host in the JSON report and SARIF's invocation, and nothing without it") {
  TemporaryDirectory work;
  write_file(work.path() / "server.cfg", config_with_findings);
  ScopedWorkingDirectory in_work(work.path());

  const RunResult with_host = run_emglint({"check", "--format", "json", "--host", "gw001", "server.cfg"});
  const json named = json::parse(with_host.out);
  CHECK(named["host"] == "gw001");
  CHECK(named["exit_code"] == with_host.exit_code);
  CHECK(named["problems"] == json::array());
  const json unnamed = json::parse(run_emglint({"check", "--format", "json", "server.cfg"}).out);
  CHECK_FALSE(unnamed.contains("host"));
  CHECK_FALSE(unnamed.contains("exit_code"));
  CHECK_FALSE(unnamed.contains("problems"));

  const json sarif = json::parse(run_emglint({"check", "--format", "sarif", "--host", "gw001", "server.cfg"}).out);
  CHECK(sarif["runs"][0]["invocations"][0]["machine"] == "gw001");
  const json plain_sarif = json::parse(run_emglint({"check", "--format", "sarif", "server.cfg"}).out);
  CHECK_FALSE(plain_sarif["runs"][0]["invocations"][0].contains("machine"));

  // The text report has no place for it.
  CHECK(run_emglint({"check", "--color", "never", "--host", "gw001", "server.cfg"}).out ==
        run_emglint({"check", "--color", "never", "server.cfg"}).out);

  // A check that could not read its PATH says so to merge, in the report.
  const RunResult failed = run_emglint({"check", "--format", "json", "--host", "gw001", "gone"});
  CHECK(failed.exit_code == 2);
  const json failed_report = json::parse(failed.out);
  CHECK(failed_report["exit_code"] == 2);
  REQUIRE(failed_report["problems"].size() == 1);
  CHECK(failed_report["problems"][0].get<std::string>().starts_with("gone: "));
}

TEST_CASE("check --host takes one word of printable ASCII without a slash") {
  TemporaryDirectory work;
  write_file(work.path() / "server.cfg", config_with_findings);
  ScopedWorkingDirectory in_work(work.path());
  for (const char* name : {"", "gw 001", "site/gw001", "gw\x01", "gw\xc3\xa9"}) {
    INFO(name);
    const RunResult result = run_emglint({"check", "--host", name, "server.cfg"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--host") != std::string::npos);
  }
  CHECK(run_emglint({"check", "--host", "gw001.example.org", "server.cfg"}).exit_code == 0);
}

TEST_CASE("merge gives the same bytes whatever the order of the reports, on standard output and with -o") {
  const std::vector<std::string> json_reports = {report("gw001.json"), report("gw002.json"), report("gw004.json")};
  const std::vector<std::string> sarif_reports = {report("gw001.sarif"), report("gw002.sarif"), report("gw004.sarif")};
  for (const std::vector<std::string>& options :
       std::vector<std::vector<std::string>>{{"--format", "json"},
                                             {"--format", "text"},
                                             {"--format", "sarif"},
                                             {"--format", "sarif", "--sarif-runs", "per-host"}}) {
    const bool sarif = options[1] == "sarif";
    std::vector<std::string> reports = sarif ? sarif_reports : json_reports;
    std::sort(reports.begin(), reports.end());
    std::string first;
    do {
      std::vector<std::string> words = options;
      words.insert(words.end(), reports.begin(), reports.end());
      const RunResult result = merge(words);
      INFO(options[1] << " " << reports[0] << " " << reports[1] << " " << reports[2]);
      CHECK(result.exit_code == 1);
      if (first.empty()) first = result.out;
      CHECK(result.out == first);
    } while (std::next_permutation(reports.begin(), reports.end()));

    TemporaryDirectory work;
    const fs::path output = work.path() / "fleet.out";
    std::vector<std::string> words = options;
    words.insert(words.end(), {"-o", output.string()});
    words.insert(words.end(), reports.begin(), reports.end());
    const RunResult written = merge(words);
    CHECK(written.exit_code == 1);
    CHECK(written.out.empty());
    CHECK(read_file(output) == first);
  }
}

TEST_CASE("merge's exit code is check's on the merged findings with --fail-on, and 2 when the fleet is not whole") {
  // gw001: a warning; gw002: an error and a warning; gw003: clean.
  CHECK(merge({report("gw003.json")}).exit_code == 0);
  CHECK(merge({report("gw001.json"), report("gw003.json")}).exit_code == 0);
  CHECK(merge({"--fail-on", "warning", report("gw001.json"), report("gw003.json")}).exit_code == 1);
  CHECK(merge({report("gw002.json"), report("gw003.json")}).exit_code == 1);
  CHECK(merge({"--fail-on", "never", report("gw002.json")}).exit_code == 0);
  CHECK(merge({"--format", "sarif", "--fail-on", "warning", report("gw001.sarif")}).exit_code == 1);
  CHECK(merge({"--format", "sarif", report("gw001.sarif")}).exit_code == 0);

  TemporaryDirectory work;
  write_file(work.path() / "hosts", "gw003\ngw009\n");
  const RunResult missing = merge({"--expect-hosts", (work.path() / "hosts").string(), report("gw003.json")});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "emglint: gw009: sent no report\n");
  // A host that is not whole fails the fleet even under --fail-on never.
  CHECK(merge({"--fail-on", "never", report("gw003.json"), (work.path() / "gw005.json").string()}).exit_code == 2);
  // The host's own check ended with exit code 2.
  CHECK(merge({"--fail-on", "never", report("gw006.json")}).exit_code == 2);

  SECTION("usage errors") {
    CHECK(merge({}).exit_code == 2);
    CHECK(merge({"--format", "json", "--sarif-runs", "per-host", report("gw003.json")}).exit_code == 2);
    CHECK(merge({"--format", "github", report("gw003.json")}).exit_code == 2);
    const RunResult unreadable = merge({"--expect-hosts", (work.path() / "none").string(), report("gw003.json")});
    CHECK(unreadable.exit_code == 2);
    CHECK(unreadable.out.empty());
    write_file(work.path() / "bad-hosts", "gw001\nsite one\n");
    const RunResult bad = merge({"--expect-hosts", (work.path() / "bad-hosts").string(), report("gw003.json")});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("bad-hosts: line 2: ") != std::string::npos);
  }
}

TEST_CASE("merge counts what check counts: suppressed and baselined findings do not fail the fleet") {
  TemporaryDirectory work;
  write_file(work.path() / "server.cfg",
             "BACKEND=TC\n"
             "# emglint: ignore EMG008 -- the fleet's template writes it so\n"
             "loglevel=INFO\n"
             "CONNECTOR smpp-in <\n"
             "INSTANCES=20\n"
             ">\n");
  ScopedWorkingDirectory in_work(work.path());
  REQUIRE(run_emglint(
              {"check", "--host", "gw001", "--fail-on", "info", "--format", "json", "-o", "gw001.json", "server.cfg"})
              .exit_code == 0);
  REQUIRE(run_emglint(
              {"check", "--host", "gw001", "--fail-on", "info", "--format", "sarif", "-o", "gw001.sarif", "server.cfg"})
              .exit_code == 0);
  const json checked = json::parse(read_file("gw001.json"));
  REQUIRE(checked["findings"].size() == 1);
  CHECK(checked["findings"][0]["suppression"]["kind"] == "inline");
  for (const char* format : {"json", "sarif"}) {
    INFO(format);
    const RunResult merged = merge({"--format", format, "--fail-on", "info",
                                    std::string("gw001.") + (format == std::string("json") ? "json" : "sarif")});
    CHECK(merged.exit_code == 0);
  }
  CHECK(merge({"--format", "text", "--fail-on", "info", "gw001.sarif"}).exit_code == 0);
}

TEST_CASE(
    "identical installations keep one emglint/v1 fingerprint in the merged SARIF, and each host its own "
    "emglint-host/v1") {
  // gw001 and gw002 have the same server.cfg at the same path, readable by every user (EMG902).
  const RunResult merged = merge({"--format", "sarif", report("gw001.sarif"), report("gw002.sarif")});
  const json log = json::parse(merged.out);
  REQUIRE(log["runs"].size() == 1);
  std::map<std::string, json> fingerprints;  // EMG902's, by host
  for (const json& result : log["runs"][0]["results"]) {
    if (result["ruleId"] == "EMG902") fingerprints[result["properties"]["host"]] = result["partialFingerprints"];
  }
  REQUIRE(fingerprints.size() == 2);
  CHECK(fingerprints["gw001"]["emglint/v1"] == fingerprints["gw002"]["emglint/v1"]);
  CHECK(fingerprints["gw001"]["emglint-host/v1"] != fingerprints["gw002"]["emglint-host/v1"]);
  // And emglint/v1 is the one each host's own log has.
  const json own = json::parse(read_file(reports_dir() / "gw001.sarif"));
  for (const json& result : own["runs"][0]["results"]) {
    if (result["ruleId"] == "EMG902")
      CHECK(result["partialFingerprints"]["emglint/v1"] == fingerprints["gw001"]["emglint/v1"]);
  }
  // Each base ID a result names is declared.
  const json& run = log["runs"][0];
  for (const json& result : run["results"]) {
    const std::string base = result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"];
    CHECK(base == "INSTALLROOT@" + result["properties"]["host"].get<std::string>());
    CHECK(run["originalUriBaseIds"].contains(base));
  }
}

TEST_CASE("the hosts --expect-hosts names: one a line, blank lines and comments left out") {
  const auto parsed = emglint::merge::parse_expected_hosts("gw001\r\n\n  # gw002 is gone\n  gw003  \n#gw004\ngw005");
  CHECK(parsed.problem.empty());
  CHECK(parsed.names == std::vector<std::string>{"gw001", "gw003", "gw005"});
  CHECK(emglint::merge::parse_expected_hosts("gw001\ngw 2\n").problem.starts_with("line 2: "));
}

TEST_CASE("a file that is no report is an error of its host that quotes nothing of the file") {
  using emglint::merge::HostStatus;
  const auto read = [](std::string path, std::string bytes) {
    return emglint::merge::read_host_report({.path = std::move(path), .bytes = std::move(bytes), .read_error = {}});
  };
  // A server.cfg given by mistake: nlohmann's message would quote its password.
  const auto config = read("site/gw001.json", "PASSWORD=hunter2\n");
  CHECK(config.host == "gw001");
  CHECK(config.status == HostStatus::error);
  CHECK(config.error.find("hunter2") == std::string::npos);
  CHECK(config.error == "site/gw001.json is not JSON: it breaks off at byte 1 of 17");
  const auto other =
      read("gw002.sarif", R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "hunter2"}}}]})");
  CHECK(other.error.find("hunter2") == std::string::npos);
  CHECK(read("gw003.json", "").error == "gw003.json is empty");
  CHECK(read("gw004.json", "{\"schema_version\": 1, \"tool\"").error.find("truncated") != std::string::npos);
  CHECK(read("gw005.json", "[1, 2]").error == "gw005.json is neither a JSON report nor a SARIF log of emglint");
  const auto bad_host =
      read("gw006.json", read_file(reports_dir() / "gw001.json")
                             .replace(read_file(reports_dir() / "gw001.json").find("\"gw001\""), 7, "\"gw 1\""));
  CHECK(bad_host.host == "gw006");
  CHECK(bad_host.status == HostStatus::error);
  CHECK(bad_host.error.find("records a host name emglint cannot use") != std::string::npos);
}

TEST_CASE("merge reads every host's report of the corpus cut short anywhere without a crash or a broken output") {
  const emglint::fuzz::FuzzTarget* target = emglint::fuzz::find_fuzz_target("merge");
  REQUIRE(target != nullptr);
  for (const auto& entry : fs::directory_iterator(reports_dir())) {
    const std::string bytes = read_file(entry.path());
    INFO(entry.path().filename().string());
    // Cut at 20 places and whole; and with one byte changed at each place.
    std::vector<std::size_t> sizes;
    for (std::size_t size = 0; size < bytes.size(); size += std::max<std::size_t>(1, bytes.size() / 20)) {
      sizes.push_back(size);
    }
    sizes.push_back(bytes.size());
    for (const std::size_t size : sizes) {
      INFO("cut at " << size);
      CHECK(target->run(std::string_view(bytes).substr(0, size)) == std::nullopt);
      std::string changed = bytes;
      if (size < changed.size()) changed[size] = '\x1b';
      CHECK(target->run(changed) == std::nullopt);
    }
  }
}

TEST_CASE("a report's texts reach the table without their control characters") {
  TemporaryDirectory work;
  std::string failed = read_file(reports_dir() / "gw006.json");
  const std::string problem = "/tmp/emglint-fleet/home/emg/gone: No such file or directory";
  failed.replace(failed.find(problem), problem.size(), "gone\\u001b[2J: No such file");
  write_file(work.path() / "gw006.json", failed);
  const RunResult merged = merge({(work.path() / "gw006.json").string()});
  CHECK(merged.exit_code == 2);
  CHECK(merged.out.find('\x1b') == std::string::npos);
  CHECK(merged.out.find("its check ended with exit code 2: gone [2J: No such file") != std::string::npos);
}
