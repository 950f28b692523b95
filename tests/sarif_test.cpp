// The SARIF report (contract.md, "SARIF"): its shape parsed back, where each
// result points, fingerprints that survive unrelated edits, columns counted
// in characters, fixes and suppressions, and the same bytes for the same input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "reporters/positions.h"
#include "reporters/reporter.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;
using nlohmann::json;

namespace {

json sarif_of(const RunResult& result) {
  INFO(result.out << result.err);
  REQUIRE_FALSE(result.out.empty());
  return json::parse(result.out);
}

const json& only_run(const json& log) {
  REQUIRE(log["runs"].size() == 1);
  return log["runs"][0];
}

// Every result's `fingerprint` by its `object` property.
std::map<std::string, std::string> fingerprints_by_object(const json& run) {
  std::map<std::string, std::string> fingerprints;
  for (const auto& result : run["results"]) {
    fingerprints[result["ruleId"].get<std::string>() + " " + result["properties"]["object"].get<std::string>()] =
        result["partialFingerprints"]["emglint/v1"];
  }
  return fingerprints;
}

const report::RuleInfo test_rule{.id = "EMG201",
                                 .name = "dlr-to-same-ip-too-early",
                                 .phases = report::PhaseSet::all(),
                                 .severity = report::Severity::error,
                                 .fix = report::FixAvailability::unsafe,
                                 .scope = report::Scope::config,
                                 .summary = "DLR_TO_SAME_IP is set before the commit phase."};

// A report made by hand: one config target whose server.cfg has `text`.
report::Report report_of(const std::string& text) {
  report::Report report;
  report::TargetReport target;
  target.path = "site/server.cfg";
  report::SourceFile file;
  file.in_target = "site/server.cfg";
  file.display = "site/server.cfg";
  file.in_root = "site/server.cfg";
  file.has_text = true;
  file.bytes = text;
  file.lines = report::LineIndex(text);
  target.files.add(std::move(file));
  report.targets.push_back(std::move(target));
  return report;
}

report::Finding finding_at(std::size_t line, std::size_t column, std::size_t end_column, std::string object) {
  return {.rule = &test_rule,
          .severity = report::Severity::error,
          .file = 0,
          .span = report::Span{.line = line, .column = column, .end_line = line, .end_column = end_column},
          .object = std::move(object),
          .message = "DLR_TO_SAME_IP is set before the commit phase",
          .fix = std::nullopt,
          .source_line = {},
          .suppression = std::nullopt};
}

std::string render(const std::unique_ptr<reporters::Reporter>& reporter, const report::Report& report) {
  std::ostringstream out;
  reporter->write(out, report);
  return out.str();
}

std::unique_ptr<reporters::Reporter> test_sarif_reporter() {
  return reporters::sarif_reporter(
      {.tool_version = "0.1.0", .information_uri = "https://emglint.example/", .rules = {{&test_rule, "# EMG201\n"}}});
}

const std::string two_sites_config =
    "backend=TC\n"
    "CONNECTOR smpp-in <\n"
    "DLR_TO_SAME_IP\n"
    ">\n";

}  // namespace

TEST_CASE("a SARIF report has one run with the whole catalog and a result per finding") {
  TemporaryDirectory dir;
  write_file(dir.path() / "configs" / "site1" / "server.cfg", two_sites_config);
  write_file(dir.path() / "configs" / "site2" / "server.cfg", "BACKEND=TC\n");
  ScopedWorkingDirectory in_dir(dir.path());
  const RunResult result = run_emglint({"check", "--format", "sarif", "--phase", "prepare", "configs"});
  CHECK(result.exit_code == 1);
  const json log = sarif_of(result);
  CHECK(log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log["version"] == "2.1.0");
  const json& run = only_run(log);

  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "emglint");
  CHECK(driver["version"] == "0.1.0");
  CHECK(driver["semanticVersion"] == "0.1.0");
  CHECK(driver["informationUri"].get<std::string>().starts_with("https://"));
  const json catalog = json::parse(run_emglint({"rules", "--format", "json"}).out);
  REQUIRE(driver["rules"].size() == catalog.size());
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    const json& rule = driver["rules"][i];
    INFO(rule.dump());
    CHECK(rule["id"] == catalog[i]["id"]);
    CHECK(rule["name"] == catalog[i]["name"]);
    CHECK(rule["shortDescription"]["text"] == catalog[i]["summary"]);
    CHECK(rule["fullDescription"]["text"].get<std::string>().ends_with("."));
    const std::string page = run_emglint({"explain", catalog[i]["id"]}).out;
    CHECK(rule["help"]["markdown"] == page);
    CHECK(rule["help"]["text"] == page);
    CHECK(rule["helpUri"] == "https://emglint.example/rules/" + catalog[i]["id"].get<std::string>());
    const std::string severity = catalog[i]["severity"];
    CHECK(rule["defaultConfiguration"]["level"] == (severity == "info" ? "note" : severity));
    if (i > 0) CHECK(driver["rules"][i - 1]["id"] < rule["id"]);
  }

  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["automationDetails"]["id"] == "emglint/prepare/");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK(run["invocations"][0]["exitCode"] == 1);
  CHECK_FALSE(run.contains("originalUriBaseIds"));

  const json text = json::parse(run_emglint({"check", "--format", "json", "--phase", "prepare", "configs"}).out);
  const json& results = run["results"];
  REQUIRE(results.size() == text["findings"].size());
  std::set<std::string> rules;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const json& result_i = results[i];
    const json& finding = text["findings"][i];
    INFO(result_i.dump());
    rules.insert(result_i["ruleId"].get<std::string>());
    CHECK(result_i["ruleId"] == finding["rule"]);
    CHECK(driver["rules"][result_i["ruleIndex"].get<std::size_t>()]["id"] == result_i["ruleId"]);
    const std::string severity = finding["severity"];
    CHECK(result_i["level"] == (severity == "info" ? "note" : severity));
    CHECK(result_i["message"]["text"] == finding["message"].get<std::string>() + ".");
    REQUIRE(result_i["locations"].size() == 1);
    const json& location = result_i["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    const std::string uri = location["artifactLocation"]["uri"];
    CHECK((uri == "site1/server.cfg" || uri == "site2/server.cfg"));
    CHECK(location["region"]["startLine"] == finding["line"]);
    CHECK(location["region"]["startColumn"] == finding["column"]);
    CHECK(location["region"]["endLine"] == finding["end_line"]);
    CHECK(location["region"]["endColumn"] == finding["end_column"]);
    CHECK(result_i["partialFingerprints"]["emglint/v1"].get<std::string>().size() == 16);
    CHECK(result_i["properties"]["object"] == finding["object"]);
  }
  CHECK(rules == std::set<std::string>{"EMG008", "EMG201"});

  // EMG008's safe fix lowers nothing but raises `backend`: one replacement in site1's file.
  const auto keyword_case =
      std::find_if(results.begin(), results.end(), [](const json& r) { return r["ruleId"] == "EMG008"; });
  REQUIRE(keyword_case != results.end());
  REQUIRE((*keyword_case)["fixes"].size() == 1);
  const json& fix = (*keyword_case)["fixes"][0];
  CHECK(fix["description"]["text"].get<std::string>().ends_with("."));
  REQUIRE(fix["artifactChanges"].size() == 1);
  CHECK(fix["artifactChanges"][0]["artifactLocation"] == json{{"uri", "site1/server.cfg"}, {"uriBaseId", "%SRCROOT%"}});
  const json& replacement = fix["artifactChanges"][0]["replacements"][0];
  CHECK(replacement["deletedRegion"] == json{{"startLine", 1}, {"startColumn", 1}, {"endLine", 1}, {"endColumn", 8}});
  CHECK(replacement["insertedContent"]["text"] == "BACKEND");
  CHECK(fix["properties"]["safety"] == "safe");
}

TEST_CASE("SARIF names a lone config from the working directory, without ./ or ..") {
  TemporaryDirectory dir;
  write_file(dir.path() / "a" / "server.cfg", two_sites_config);
  fs::create_directories(dir.path() / "a" / "sub");
  ScopedWorkingDirectory in_dir(dir.path() / "a");
  for (const std::string path : {"server.cfg", "./server.cfg", "../a/server.cfg", "sub/../server.cfg"}) {
    const json run = only_run(sarif_of(run_emglint({"check", "--format", "sarif", path})));
    INFO(path);
    CHECK(run["automationDetails"]["id"] == "emglint/auto/");
    const json& location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(location == json{{"uri", "server.cfg"}, {"uriBaseId", "%SRCROOT%"}});
  }
  // Above the working directory, no %SRCROOT% path reaches it: an absolute URI does.
  ScopedWorkingDirectory in_sub(dir.path() / "a" / "sub");
  const json run = only_run(sarif_of(run_emglint({"check", "--format", "sarif", "../server.cfg"})));
  const json& location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(location["uri"] == "file://" + fs::canonical(dir.path() / "a" / "server.cfg").string());
  CHECK_FALSE(location.contains("uriBaseId"));
}

TEST_CASE("SARIF names a config repository's files under %SRCROOT% when PATH is absolute") {
  TemporaryDirectory dir;
  write_file(dir.path() / "repo" / "sites" / "site1" / "server.cfg", two_sites_config);
  ScopedWorkingDirectory in_repo(dir.path() / "repo");
  const std::string absolute_repo = fs::current_path().string();
  const std::vector<std::pair<std::string, std::string>> spellings = {
      {absolute_repo, "sites/site1/server.cfg"},
      {absolute_repo + "/", "sites/site1/server.cfg"},
      {absolute_repo + "/sites", "site1/server.cfg"},
      {absolute_repo + "/sites/site1/server.cfg", "sites/site1/server.cfg"},  // a lone config: from the working directory
  };
  for (const auto& [path, uri] : spellings) {
    const json run = only_run(sarif_of(run_emglint({"check", "--format", "sarif", path})));
    INFO(path);
    const json& location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(location == json{{"uri", uri}, {"uriBaseId", "%SRCROOT%"}});
  }
}

TEST_CASE("SARIF names an installation's files under INSTALLROOT and others by absolute file URIs") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg etc";
  fs::copy(source_dir() / "corpus" / "example" / "home" / "emg" / "etc", root,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  // A boot script without `ulimit -n`: EMG601 names a line of it.
  write_file(work.path() / "rc.local", "#!/bin/sh\nsu emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\n");
  fs::permissions(work.path() / "rc.local", fs::perms::owner_all);
  const RunResult result = run_emglint({"check", "--format", "sarif", "--phase", "commit", "--rc-local",
                                        (work.path() / "rc.local").string(), root.string()});
  const json run = only_run(sarif_of(result));
  const std::string root_uri = "file://" + fs::canonical(root).parent_path().string() + "/emg%20etc/";
  CHECK(run["originalUriBaseIds"] == json{{"INSTALLROOT", {{"uri", root_uri}}}});
  CHECK(run["automationDetails"]["id"] == "emglint/commit/");

  bool rc_local = false;
  bool binary = false;
  for (const json& result_i : run["results"]) {
    INFO(result_i.dump());
    const json& location = result_i["locations"][0]["physicalLocation"];
    const std::string uri = location["artifactLocation"]["uri"];
    CHECK(uri.find("./") == std::string::npos);
    if (uri.starts_with("file://")) {
      CHECK_FALSE(location["artifactLocation"].contains("uriBaseId"));
      CHECK(uri == "file://" + fs::canonical(work.path()).string() + "/rc.local");
      rc_local = rc_local || result_i["ruleId"] == "EMG601";
    } else {
      CHECK(location["artifactLocation"]["uriBaseId"] == "INSTALLROOT");
      CHECK_FALSE(uri.starts_with("/"));
    }
    if (uri.starts_with("bin/")) {
      // A finding about a whole file: its first line.
      CHECK(location["region"] == json{{"startLine", 1}});
      binary = true;
    }
  }
  CHECK(rc_local);
  CHECK(binary);
}

TEST_CASE("a file that cannot be read is a notification, and the run did not succeed") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", "BACKEND=TC\n");
  ScopedWorkingDirectory in_dir(dir.path());
  const RunResult result = run_emglint({"check", "--format", "sarif", "server.cfg", "missing.cfg"});
  CHECK(result.exit_code == 2);
  const json run = only_run(sarif_of(result));
  const json& invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["exitCode"] == 2);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  CHECK(invocation["toolExecutionNotifications"][0]["level"] == "error");
  CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"] == "missing.cfg: No such file or directory.");
}

TEST_CASE("SARIF fingerprints ignore unrelated lines above and tell findings apart") {
  const std::string config =
      "BACKEND=TC\n"
      "DLR_TO_SAME_IP\n"
      "CONNECTOR smpp-in <\n"
      "DLR_TO_SAME_IP\n"
      ">\n"
      "CONNECTOR smpp-out <\n"
      "DLR_TO_SAME_IP\n"
      ">\n";
  const std::string moved =
      "# a comment added later\n"
      "BACKEND=TC\n"
      "LOGLEVEL=1\n"
      "\n"
      "DLR_TO_SAME_IP\n"
      "CONNECTOR smpp-in <\n"
      "PROTOCOL=SMPP\n"
      "DLR_TO_SAME_IP\n"
      ">\n"
      "CONNECTOR smpp-out <\n"
      "DLR_TO_SAME_IP\n"
      ">\n";
  TemporaryDirectory dir;
  ScopedWorkingDirectory in_dir(dir.path());
  write_file(dir.path() / "server.cfg", config);
  const std::vector<std::string> command = {"check", "--format", "sarif", "--phase", "prepare", "server.cfg"};
  const json before = only_run(sarif_of(run_emglint(command)));
  write_file(dir.path() / "server.cfg", moved);
  const json after = only_run(sarif_of(run_emglint(command)));

  const auto fingerprints = fingerprints_by_object(before);
  CHECK(fingerprints.size() >= 4);  // EMG201 three times and EMG202 in the general section
  const auto moved_fingerprints = fingerprints_by_object(after);
  for (const auto& [object, fingerprint] : fingerprints) {
    INFO(object);
    REQUIRE(moved_fingerprints.count(object) == 1);
    CHECK(moved_fingerprints.at(object) == fingerprint);
  }
  // Every result has its own, also EMG201 and EMG202 on one line.
  std::set<std::string> distinct;
  for (const auto& [object, fingerprint] : fingerprints) distinct.insert(fingerprint);
  CHECK(distinct.size() == before["results"].size());
  CHECK(fingerprints.at("EMG201 general/DLR_TO_SAME_IP") != fingerprints.at("EMG202 general/DLR_TO_SAME_IP"));
  CHECK(fingerprints.at("EMG201 CONNECTOR smpp-in/DLR_TO_SAME_IP") !=
        fingerprints.at("EMG201 CONNECTOR smpp-out/DLR_TO_SAME_IP"));
}

TEST_CASE("two findings of one rule about one object get distinct fingerprints") {
  report::Report report = report_of("DLR_TO_SAME_IP\nDLR_TO_SAME_IP\n");
  report.targets[0].findings = {finding_at(1, 1, 15, "DLR_TO_SAME_IP"), finding_at(2, 1, 15, "DLR_TO_SAME_IP #2")};
  const json run = only_run(json::parse(render(test_sarif_reporter(), report)));
  REQUIRE(run["results"].size() == 2);
  CHECK(run["results"][0]["partialFingerprints"] != run["results"][1]["partialFingerprints"]);
}

TEST_CASE("SARIF columns count code points on a line with non-ASCII text") {
  // `ü` and `€` are 2 and 3 bytes; an invalid byte prints as one U+FFFD.
  report::Report report = report_of("NAME=\xc3\xbc\xe2\x82\xac\xff DLR_TO_SAME_IP\n");
  report.targets[0].findings = {finding_at(1, 13, 27, "DLR_TO_SAME_IP")};
  report.targets[0].findings[0].source_line = "NAME=\xc3\xbc\xe2\x82\xac\xff DLR_TO_SAME_IP";
  const json run = only_run(json::parse(render(test_sarif_reporter(), report)));
  const json& location = run["results"][0]["locations"][0]["physicalLocation"];
  CHECK(location["region"] == json{{"startLine", 1}, {"startColumn", 10}, {"endLine", 1}, {"endColumn", 24}});
  CHECK(location["contextRegion"]["snippet"]["text"] == "NAME=\xc3\xbc\xe2\x82\xac\xef\xbf\xbd DLR_TO_SAME_IP");

  const report::SourceFile& file = report.targets[0].files[0];
  CHECK(reporters::character_column(file, 1, 1) == 1);
  CHECK(reporters::character_column(file, 1, 6) == 6);
  CHECK(reporters::character_column(file, 1, 8) == 7);    // after ü
  CHECK(reporters::character_column(file, 1, 11) == 8);   // after €
  CHECK(reporters::character_column(file, 1, 28) == 25);  // one past the end: the terminator
  CHECK(reporters::character_column(file, 2, 3) == 3);    // a line past the end has no characters
  report::SourceFile log;                                 // text not kept: only column 1 is known
  CHECK(reporters::character_column(log, 4, 1) == 1);
  CHECK_FALSE(reporters::character_column(log, 4, 2).has_value());
}

TEST_CASE("SARIF fixes and suppressions") {
  report::Report report = report_of("DB x <\nPASSWORD=hunter2\nDLR_TO_SAME_IP\n>\n");
  report::Finding finding = finding_at(3, 1, 15, "DB x/DLR_TO_SAME_IP");
  finding.fix =
      report::Fix{.applicability = report::Applicability::unsafe,
                  .description = "comment out DLR_TO_SAME_IP",
                  .edits = {{.file = 0,
                             .span = {.line = 2, .column = 10, .end_line = 2, .end_column = 17, .begin = 16, .end = 23},
                             .replacement = "hunter3",
                             .shown_replacement = "***"},
                            {.file = 0,
                             .span = {.line = 3, .column = 1, .end_line = 3, .end_column = 1, .begin = 24, .end = 24},
                             .replacement = "#",
                             .shown_replacement = "#"}},
                  .actions = {}};
  report::Finding suppressed = finding_at(3, 1, 15, "DB x/DLR_TO_SAME_IP #2");
  suppressed.suppression = report::Suppression{.kind = report::Suppression::Kind::inline_comment,
                                               .reason = "the gateway is already on 7.2",
                                               .expires = "2030-01-01"};
  report::Finding baselined = finding_at(3, 1, 15, "DB x/DLR_TO_SAME_IP #3");
  baselined.suppression = report::Suppression{.kind = report::Suppression::Kind::baseline, .reason = {}, .expires = {}};
  report.targets[0].findings = {finding, suppressed, baselined};
  report.exit_code = 1;
  const std::string text = render(test_sarif_reporter(), report);
  CHECK(text.find("hunter") == std::string::npos);
  const json run = only_run(json::parse(text));
  REQUIRE(run["results"].size() == 3);

  const json& fix = run["results"][0]["fixes"][0];
  CHECK(fix["description"]["text"] ==
        "comment out DLR_TO_SAME_IP. Passwords are shown as ***: apply it with emglint check --fix.");
  CHECK(fix["properties"]["safety"] == "unsafe");
  const json& change = fix["artifactChanges"][0];
  CHECK(change["artifactLocation"] == json{{"uri", "site/server.cfg"}, {"uriBaseId", "%SRCROOT%"}});
  REQUIRE(change["replacements"].size() == 2);
  CHECK(change["replacements"][0]["deletedRegion"] ==
        json{{"startLine", 2}, {"startColumn", 10}, {"endLine", 2}, {"endColumn", 17}});
  CHECK(change["replacements"][0]["insertedContent"]["text"] == "***");
  CHECK(change["replacements"][1]["deletedRegion"] ==
        json{{"startLine", 3}, {"startColumn", 1}, {"endLine", 3}, {"endColumn", 1}});
  CHECK_FALSE(run["results"][0].contains("suppressions"));

  CHECK(run["results"][1]["suppressions"] == json::array({{{"kind", "inSource"},
                                                           {"status", "accepted"},
                                                           {"justification", "the gateway is already on 7.2"},
                                                           {"properties", {{"expires", "2030-01-01"}}}}}));
  CHECK(run["results"][2]["suppressions"] == json::array({{{"kind", "external"}, {"status", "accepted"}}}));
}

TEST_CASE("the same input gives the same SARIF bytes, whatever the number of jobs") {
  TemporaryDirectory dir;
  // A repository of every corpus config: many files, many rules.
  std::size_t configs = 0;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / "corpus" / "rules")) {
    if (entry.path().filename() != "server.cfg" || entry.path().parent_path().filename() == "fixed") continue;
    const fs::path relative = fs::relative(entry.path(), source_dir() / "corpus" / "rules");
    fs::create_directories(dir.path() / "repo" / relative.parent_path());
    fs::copy_file(entry.path(), dir.path() / "repo" / relative);
    ++configs;
  }
  REQUIRE(configs > 100);
  ScopedWorkingDirectory in_dir(dir.path());
  for (const char* format : {"sarif", "github", "json", "text"}) {
    INFO(format);
    const RunResult one = run_emglint({"check", "--format", format, "-j", "1", "repo"});
    const RunResult again = run_emglint({"check", "--format", format, "-j", "1", "repo"});
    const RunResult two = run_emglint({"check", "--format", format, "-j", "2", "repo"});
    CHECK(one.exit_code == 1);
    CHECK(one.out == again.out);
    CHECK(one.out == two.out);
  }
  // Through -o too.
  CHECK(run_emglint({"check", "--format", "sarif", "-j", "2", "-o", "a.sarif", "repo"}).exit_code == 1);
  CHECK(run_emglint({"check", "--format", "sarif", "-j", "1", "-o", "b.sarif", "repo"}).exit_code == 1);
  CHECK(read_file(dir.path() / "a.sarif") == read_file(dir.path() / "b.sarif"));
}

TEST_CASE("suppressed and baselined findings stay in SARIF, marked, and do not fail the run") {
  TemporaryDirectory dir;
  ScopedWorkingDirectory in_dir(dir.path());
  write_file(dir.path() / "site1.cfg",
             "BACKEND=TC\n"
             "CONNECTOR smpp-out <\n"
             "# emglint: ignore EMG201 -- approved in CHG-1234\n"
             "DLR_TO_SAME_IP\n"
             ">\n");
  const RunResult inline_run = run_emglint({"check", "--format", "sarif", "--phase", "prepare", "site1.cfg"});
  CHECK(inline_run.exit_code == 0);
  const json inline_log = only_run(sarif_of(inline_run));
  CHECK(inline_log["invocations"][0]["exitCode"] == 0);
  REQUIRE(inline_log["results"].size() == 1);
  CHECK(inline_log["results"][0]["ruleId"] == "EMG201");
  CHECK(inline_log["results"][0]["suppressions"] ==
        json::array({{{"kind", "inSource"}, {"status", "accepted"}, {"justification", "approved in CHG-1234"}}}));

  write_file(dir.path() / "site2.cfg",
             "BACKEND=TC\n"
             "CONNECTOR smpp-out <\n"
             "DLR_TO_SAME_IP\n"
             ">\n");
  REQUIRE(run_emglint({"check", "--phase", "prepare", "--write-baseline", "baseline.json", "site2.cfg"}).exit_code ==
          0);
  const RunResult baselined =
      run_emglint({"check", "--format", "sarif", "--phase", "prepare", "--baseline", "baseline.json", "site2.cfg"});
  CHECK(baselined.exit_code == 0);
  const json baselined_log = only_run(sarif_of(baselined));
  REQUIRE(baselined_log["results"].size() == 1);
  CHECK(baselined_log["results"][0]["suppressions"][0]["kind"] == "external");
  CHECK(baselined_log["results"][0]["suppressions"][0]["status"] == "accepted");

  // GitHub annotations leave them out and count them.
  const RunResult github = run_emglint({"check", "--format", "github", "--phase", "prepare", "site1.cfg"});
  CHECK(github.exit_code == 0);
  CHECK(github.out == "emglint: 0 errors, 0 warnings, 1 suppressed\n");
}
