// The core pipeline as its callers (the CLI, the fix loop, benchmarks) use it:
// in-memory content with a pinned phase, the file table, finding identity,
// the bound on findings, the fix model and one summary for every format.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>

#include "analysis/analysis.h"
#include "check/check.h"
#include "inspect/file_reader.h"
#include "parser/config_parser.h"
#include "rules/rule.h"
#include "test_support.h"
#include "report/fnv1a.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;
using report::Phase;

namespace {

report::TargetReport check_text(const std::string& text, std::optional<Phase> phase,
                                const check::CheckOptions& options = {}) {
  return check::check_target(check::config_input("server.cfg", text), options, phase);
}

std::vector<const report::Finding*> of_rule(const report::TargetReport& report, std::string_view id) {
  std::vector<const report::Finding*> found;
  for (const auto& finding : report.findings) {
    if (finding.rule->id == id) found.push_back(&finding);
  }
  return found;
}

}  // namespace

TEST_CASE("the core checks content held in memory against the phase it is given") {
  const std::string text = "BACKEND=TC\nCONNECTOR smpp-in <\nDLR_TO_SAME_IP\n>\n";
  const auto prepare = check_text(text, Phase::prepare);
  CHECK(prepare.phase.effective == Phase::prepare);
  CHECK(prepare.phase.evidence == std::vector<std::string>{"--phase prepare"});
  CHECK(of_rule(prepare, "EMG201").size() == 1);
  CHECK(of_rule(prepare, "EMG104").empty());

  const auto commit = check_text(text, Phase::commit);
  CHECK(commit.phase.effective == Phase::commit);
  CHECK(of_rule(commit, "EMG201").empty());
  CHECK(of_rule(commit, "EMG104").size() == 1);

  // Detected, the same content reads as prepare: BACKEND=TC is active.
  CHECK(check_text(text, std::nullopt).phase.effective == Phase::prepare);
}

TEST_CASE("the file table records each file's paths, bytes, hash and lines") {
  TemporaryDirectory work;
  const fs::path installation = work.path() / "repo" / "site1";
  fs::create_directories(installation / "bin");
  const std::string text = "\xEF\xBB\xBFLOGLEVEL=1\r\nBACKEND=TC\r\n";
  write_file(installation / "server.cfg", text);
  write_file(work.path() / "rc.local", "#!/bin/sh\nulimit -n 8192\nemg_watchdog &\n");
  ScopedWorkingDirectory cwd(work.path());

  check::CheckOptions options;
  options.rc_local = "rc.local";
  const check::TargetInput input = check::load_target({.path = "repo/site1",
                                                       .kind = report::TargetKind::installation,
                                                       .config_path = "repo/site1/server.cfg",
                                                       .config_name = "server.cfg",
                                                       .root = "repo"},
                                                      options);
  REQUIRE(input.readable);
  const report::SourceFile& config = input.files[input.config_file];
  CHECK(config.in_target == "server.cfg");
  CHECK(config.display == "repo/site1/server.cfg");
  CHECK(config.in_root == "site1/server.cfg");
  CHECK(config.real_path == fs::canonical(installation / "server.cfg").string());
  CHECK(config.bytes == text);
  CHECK(config.content_hash == report::fnv1a(text));
  REQUIRE(config.lines.size() == 2);
  CHECK(config.lines.start(config.bytes, 1) == 3);
  CHECK(config.lines.start(config.bytes, 2) == 15);
  CHECK(config.line_text(2) == "BACKEND=TC");

  REQUIRE(input.rc_local_file);
  const report::SourceFile& rc_local = input.files[*input.rc_local_file];
  CHECK(rc_local.in_target == (work.path() / "rc.local").string());
  CHECK_FALSE(rc_local.inside_target);
  CHECK(rc_local.line_text(2) == "ulimit -n 8192");

  // A bin/ path a finding names gets an entry too, beside server.cfg.
  const auto report = check::check_target(input, options, Phase::start);
  const auto missing = std::find_if(report.findings.begin(), report.findings.end(), [&](const report::Finding& f) {
    return report.files[f.file].in_target == "bin/emgd";
  });
  REQUIRE(missing != report.findings.end());
  CHECK(report.files[missing->file].display == "repo/site1/bin/emgd");
  CHECK(report.files[missing->file].in_root == "site1/bin/emgd");
  CHECK_FALSE(report.files[missing->file].has_text);
}

TEST_CASE("a finding's object names what it is about and survives lines moving") {
  const std::string body = "BACKEND=TC\nCONNECTOR smpp-in <\nDLR_TO_SAME_IP\n>\n";
  const auto before = check_text(body, Phase::prepare);
  const auto after = check_text("# a comment\n\nLOGLEVEL=1\n" + body, Phase::prepare);
  const auto dlr_before = of_rule(before, "EMG201");
  const auto dlr_after = of_rule(after, "EMG201");
  REQUIRE(dlr_before.size() == 1);
  REQUIRE(dlr_after.size() == 1);
  CHECK(dlr_before[0]->span->line != dlr_after[0]->span->line);
  CHECK(dlr_before[0]->object == "CONNECTOR smpp-in/DLR_TO_SAME_IP");
  CHECK(dlr_after[0]->object == dlr_before[0]->object);
  CHECK(dlr_before[0]->object.find_first_of("0123456789") == std::string::npos);
}

TEST_CASE("two findings of one rule about one object still differ") {
  const auto report = check_text("BACKEND=TC\nLOGLEVEL=1\nLOGLEVEL=2\nLOGLEVEL=3\n", Phase::prepare);
  const auto duplicates = of_rule(report, "EMG003");
  REQUIRE(duplicates.size() == 2);
  CHECK(duplicates[0]->object == "general/LOGLEVEL");
  CHECK(duplicates[1]->object == "general/LOGLEVEL #2");
}

TEST_CASE("every rule reports at most --max-findings per file, then how many more") {
  std::string text = "BACKEND=TC\n";
  for (int i = 0; i < 1000; ++i) text += "LOGLEVEL=INFO\n";
  const auto bounded = check_text(text, Phase::prepare);
  const auto duplicates = of_rule(bounded, "EMG003");
  REQUIRE(duplicates.size() == 101);
  CHECK(duplicates.back()->message == "899 more EMG003 findings in this file are not shown (--max-findings 100)");
  CHECK(duplicates.back()->span->line == 1001);  // at the last one left out: the end of the list

  check::CheckOptions unbounded;
  unbounded.settings.max_findings = 0;
  CHECK(of_rule(check_text(text, Phase::prepare, unbounded), "EMG003").size() == 999);

  TemporaryDirectory work;
  const fs::path config = work.path() / "server.cfg";
  write_file(config, "BACKEND=TC\nLOGLEVEL=1\nLOGLEVEL=2\nLOGLEVEL=3\nLOGLEVEL=4\nLOGLEVEL=5\n");
  const RunResult cli = run_emglint({"check", "--max-findings", "2", "--format", "json", config.string()});
  CHECK(cli.err.empty());
  const auto json = nlohmann::json::parse(cli.out);
  std::vector<std::string> messages;
  for (const auto& finding : json["findings"]) {
    if (finding["rule"] == "EMG003") messages.push_back(finding["message"]);
  }
  REQUIRE(messages.size() == 3);
  CHECK(messages.back() == "2 more EMG003 findings in this file are not shown (--max-findings 2)");
  CHECK(run_emglint({"check", "--max-findings", "-1", config.string()}).exit_code == 2);
}

TEST_CASE("a handle to a reported finding stays valid while the rule reports more") {
  const auto config = config::parse_config("BACKEND=TC\n");
  analysis::TargetAnalysis facts(config);
  const analysis::CheckSettings settings;
  analysis::analyze(facts, "server.cfg", nullptr, nullptr, nullptr, settings, Phase::prepare);
  report::FileTable files;
  const report::FileId file = files.add({.in_target = "server.cfg", .display = "server.cfg", .in_root = "server.cfg"});
  const rules::CheckContext context{.config = config,
                                    .config_file = file,
                                    .config_name = "server.cfg",
                                    .phase = facts.phase,
                                    .settings = settings,
                                    .analysis = facts,
                                    .facts = facts.facts};
  static const report::RuleInfo rule{.id = "EMG999",
                                     .name = "test",
                                     .phases = report::PhaseSet::all(),
                                     .severity = report::Severity::warning,
                                     .fix = report::FixAvailability::safe,
                                     .scope = report::Scope::config,
                                     .summary = "test"};
  std::vector<report::Finding> out;
  rules::Findings findings(rule, context, files, out);
  auto first = findings.report(config.line_span(1), "first");
  for (int i = 0; i < 90; ++i) findings.report(config.line_span(1), "more");
  first->message = "changed after 90 more";
  findings.finish();
  CHECK(out.front().message == "changed after 90 more");
}

TEST_CASE("of two fixes that edit the same bytes, the later is kept but not applicable") {
  const auto report = check_text("bakend=TC\n", Phase::prepare);
  const auto typo = of_rule(report, "EMG004");
  const auto case_ = of_rule(report, "EMG008");
  REQUIRE(typo.size() == 1);
  REQUIRE(case_.size() == 1);
  REQUIRE(typo[0]->fix);
  REQUIRE(case_[0]->fix);
  CHECK(typo[0]->fix->applicable);
  CHECK_FALSE(case_[0]->fix->applicable);
  CHECK(case_[0]->fix->note == "overlaps the fix of EMG004 at server.cfg:1:1");
  // Held back by the overlap alone: plain --fix, which leaves EMG004's unsafe fix out, may apply it.
  CHECK(case_[0]->fix->overlaps_earlier_fix);
  // EMG101's insertion before the line goes first: it overlaps neither.
  const auto missing = of_rule(report, "EMG101");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0]->fix->applicable);
  CHECK(report::summarize({report}).fixable() == 3);
}

TEST_CASE("text and JSON count the same fixable findings") {
  TemporaryDirectory work;
  const fs::path config = work.path() / "server.cfg";
  // EMG101 (safe), EMG201 (unsafe), EMG004 (unsafe) and EMG008 (safe) on one word.
  write_file(config, "bakend=TC\nCONNECTOR a <\nDLR_TO_SAME_IP\n>\n");
  const RunResult json = run_emglint({"check", "--phase", "prepare", "--format", "json", config.string()});
  const RunResult text = run_emglint({"check", "--phase", "prepare", config.string()});
  const auto fixable = nlohmann::json::parse(json.out)["summary"]["fixable"].get<int>();
  std::smatch counts;
  REQUIRE(std::regex_search(text.out, counts,
                            std::regex(R"(\((\d+) fixable with --fix, (\d+) more with --unsafe-fixes\))")));
  CHECK(fixable == std::stoi(counts[1]) + std::stoi(counts[2]));
  CHECK(fixable == 4);
}

TEST_CASE("a filesystem action carries what its path must be before it runs") {
  TemporaryDirectory work;
  const fs::path example = source_dir() / "corpus" / "example";
  const fs::path root = work.path() / "emg";
  fs::copy(example / "home" / "emg" / "etc", root, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  check::CheckOptions options;
  options.rc_local = (example / "etc" / "rc.local").string();
  const check::TargetInput input = check::load_target({.path = root.string(),
                                                       .kind = report::TargetKind::installation,
                                                       .config_path = (root / "server.cfg").string(),
                                                       .config_name = "server.cfg",
                                                       .root = root.string()},
                                                      options);
  // In the start phase the plain emgd, a regular file, is to become a link.
  const auto report = check::check_target(input, options, Phase::start);
  const auto relinks = of_rule(report, "EMG401");
  const auto emgd = std::find_if(relinks.begin(), relinks.end(), [&](const report::Finding* finding) {
    return report.files[finding->file].in_target == "bin/emgd";
  });
  REQUIRE(emgd != relinks.end());
  REQUIRE((*emgd)->fix);
  REQUIRE((*emgd)->fix->actions.size() == 1);
  const report::FsAction& action = (*emgd)->fix->actions.front();
  CHECK(action.before.type == report::PathState::Type::regular);
  REQUIRE(action.before.content_hash);
  CHECK(*action.before.content_hash == report::fnv1a(read_file(root / "bin" / "emgd")));

  const auto prepare = check::check_target(input, options, Phase::prepare);
  const auto readable = of_rule(prepare, "EMG902");
  REQUIRE(readable.size() == 1);
  const report::FsAction& chmod = readable[0]->fix->actions.front();
  CHECK(chmod.before.content_hash == input.files[input.config_file].content_hash);
}

TEST_CASE("an installation's report says which checks did not run and what they need") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  fs::copy(source_dir() / "corpus" / "example" / "home" / "emg" / "etc", root,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  const std::string rc_local = (source_dir() / "corpus" / "example" / "etc" / "rc.local").string();
  const auto run = [&](const std::string& format, std::vector<std::string> extra) {
    std::vector<std::string> arguments = {"check", "--format", format, "--phase", "start", "--rc-local", rc_local};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    arguments.push_back(root.string());
    return run_emglint(arguments).out;
  };
  const auto skipped = [&](std::vector<std::string> extra) {
    return nlohmann::json::parse(run("json", std::move(extra)))["targets"][0]["skipped"];
  };
  const auto plain = skipped({});
  CHECK(plain == nlohmann::json::parse(R"([{"rule": "EMG302", "part": "fix", "reason": "needs --dist"},
                                            {"rule": "EMG303", "part": "rule", "reason": "needs --probe-versions"},
                                            {"rule": "EMG306", "part": "rule", "reason": "needs --dist"}])"));
  CHECK(skipped({"--dist", (root / "bin").string(), "--select", "EMG3"}) ==
        nlohmann::json::parse(R"([{"rule": "EMG303", "part": "rule", "reason": "needs --probe-versions"}])"));
  CHECK(skipped({"--ignore", "EMG3"}).empty());

  // EMG302 runs without --dist; only its copy from the distribution does not, and every format says so.
  CHECK(run("text", {})
            .find("not run: EMG302's fix (needs --dist), EMG303 (needs --probe-versions), EMG306 "
                  "(needs --dist)\n") != std::string::npos);
  const auto notifications =
      nlohmann::json::parse(run("sarif", {}))["runs"][0]["invocations"][0]["toolConfigurationNotifications"];
  REQUIRE(notifications.size() == 3);
  CHECK(notifications[0]["message"]["text"] == root.string() + ": EMG302's fix did not run: needs --dist.");
  CHECK(notifications[0]["associatedRule"]["id"] == "EMG302");
  CHECK(notifications[1]["message"]["text"] == root.string() + ": EMG303 did not run: needs --probe-versions.");

  // A download unpacked as it comes: plain names, whose version only its emgd's -v tells.
  const fs::path dist = work.path() / "download" / "bin";
  write_file(dist / "emgd", "#!/bin/sh\necho 'EMG 7.2.0 (build 50790)'\n");
  fs::permissions(dist / "emgd", fs::perms::owner_all);
  CHECK(skipped({"--dist", dist.string(), "--select", "EMG302"}) ==
        nlohmann::json::parse(R"([{"rule": "EMG302", "part": "fix", "reason": "needs --probe-versions"}])"));
  CHECK(skipped({"--dist", dist.string(), "--select", "EMG302", "--probe-versions"}).empty());

  // A lone config: the installation checks do not concern it.
  const RunResult lone = run_emglint({"check", "--format", "json", (root / "server.cfg").string()});
  CHECK(nlohmann::json::parse(lone.out)["targets"][0]["skipped"].empty());
}

TEST_CASE("a download with plain names has its copies named after what its emgd answers to -v, asked once") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  fs::copy(source_dir() / "corpus" / "example" / "home" / "emg" / "etc", root,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  fs::remove(root / "bin" / "emgstat-7.2.0-50785");
  const fs::path dist = work.path() / "download" / "bin";
  const fs::path asked = work.path() / "asked";
  // It notes how it was run, and whether anything could be read from its stdin.
  write_file(dist / "emgd", "#!/bin/sh\necho \"$# $1\" >> '" + asked.string() +
                                "'\nif read line; then echo stdin-open >> '" + asked.string() +
                                "'; fi\necho 'EMG 7.2.0 (build 50785)'\n");
  write_file(dist / "emgstat", "#!/bin/sh\necho 'EMG 7.2.0 (build 50785)'\n");
  fs::permissions(dist / "emgd", fs::perms::owner_all);
  fs::permissions(dist / "emgstat", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  const std::string rc_local = (source_dir() / "corpus" / "example" / "etc" / "rc.local").string();
  const auto emgstat_finding = [&](std::vector<std::string> extra) {
    std::vector<std::string> arguments = {"check",  "--format",   "json",   "--phase", "start",      "--select",
                                          "EMG302", "--rc-local", rc_local, "--dist",  dist.string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    arguments.push_back(root.string());
    const auto findings = nlohmann::json::parse(run_emglint(arguments).out)["findings"];
    REQUIRE(findings.size() == 1);
    CHECK(findings[0]["file"] == "bin/emgstat");
    return findings[0];
  };

  const auto unnamed = emgstat_finding({});
  CHECK(unnamed["message"] ==
        "`emgstat` has no 7.2 copy (`emgstat-7.2.N-BUILD`) in bin/ for its link to point at; "
        "the distribution's names carry no version, so naming the copy needs --probe-versions");
  CHECK(unnamed["fix"].is_null());
  CHECK_FALSE(fs::exists(asked));

  const auto named = emgstat_finding({"--probe-versions"});
  CHECK(named["message"] == "`emgstat` has no 7.2 copy (`emgstat-7.2.N-BUILD`) in bin/ for its link to point at");
  CHECK(named["fix"]["safety"] == "safe");
  CHECK(named["fix"]["actions"] ==
        nlohmann::json::parse(R"([{"kind": "copy", "from": ")" + (dist / "emgstat").string() +
                              R"(", "to": "bin/emgstat-7.2.0-50785"}])"));
  CHECK(read_file(asked) == "1 -v\n");

  // The copy keeps the distribution file's mode; a second run finds nothing left to copy.
  const RunResult fixed = run_emglint({"check", "--fix", "--phase", "start", "--select", "EMG302", "--rc-local",
                                       rc_local, "--dist", dist.string(), "--probe-versions", root.string()});
  CHECK(fixed.exit_code == 0);
  CHECK(read_file(root / "bin" / "emgstat-7.2.0-50785") == read_file(dist / "emgstat"));
  CHECK(fs::status(root / "bin" / "emgstat-7.2.0-50785").permissions() == fs::status(dist / "emgstat").permissions());

  // An emgd that does not answer 7.2 names nothing, and the finding says what it answered.
  write_file(dist / "emgd", "#!/bin/sh\necho 'EMG 7.1.3 (build 48765)'\n");
  fs::remove(root / "bin" / "emgstat-7.2.0-50785");
  const auto refused = emgstat_finding({"--probe-versions"});
  CHECK(refused["message"] ==
        "`emgstat` has no 7.2 copy (`emgstat-7.2.N-BUILD`) in bin/ for its link to point at; "
        "the distribution's emgd answers 7.1.3-48765 to -v, not a 7.2 version");
  CHECK(refused["fix"].is_null());
}

TEST_CASE("the open-files facts name the binding limit and list every source") {
  using analysis::OpenFilesLimit;
  const auto config = config::parse_config("CONNECTOR smpp-in <\nINSTANCES=600\n>\n");
  const analysis::CheckSettings settings;
  const auto facts_of = [&](const std::vector<OpenFilesLimit>& limits) {
    return analysis::compute_facts(config, settings, limits);
  };
  const OpenFilesLimit rc_local{.source = OpenFilesLimit::Source::rc_local, .limit = 4096, .where = "/etc/rc.local:6"};
  const OpenFilesLimit unlimited{.source = OpenFilesLimit::Source::process, .limit = -1, .where = "/proc/7/limits"};
  const OpenFilesLimit low{.source = OpenFilesLimit::Source::process, .limit = 1024, .where = "/proc/9/limits"};

  // A running emgd below the rc.local limit is what EMG runs into now.
  auto facts = facts_of({rc_local, unlimited, low});
  CHECK(facts.open_files_needed == 1200);
  CHECK(facts.open_files_limit == 1024);
  CHECK(facts.open_files_source == "/proc/9/limits");
  REQUIRE(facts.open_files_sources.size() == 3);
  CHECK(facts.open_files_sources[0].source == "/etc/rc.local:6");
  CHECK(facts.open_files_sources[0].limit == 4096);
  CHECK(facts.open_files_sources[1].limit == -1);
  CHECK(facts.open_files_sources[2].source == "/proc/9/limits");

  // Unlimited (-1) is the highest limit, not the lowest.
  facts = facts_of({unlimited, rc_local});
  CHECK(facts.open_files_limit == 4096);
  CHECK(facts.open_files_source == "/etc/rc.local:6");
  facts = facts_of({unlimited});
  CHECK(facts.open_files_limit == -1);
  CHECK(facts.open_files_source == "/proc/7/limits");

  // Of equal limits, the first read is named.
  facts = facts_of(
      {low, OpenFilesLimit{.source = OpenFilesLimit::Source::process, .limit = 1024, .where = "/proc/11/limits"}});
  CHECK(facts.open_files_source == "/proc/9/limits");

  facts = facts_of({});
  CHECK_FALSE(facts.open_files_limit.has_value());
  CHECK(facts.open_files_source.empty());
  CHECK(facts.open_files_sources.empty());
}

TEST_CASE("a lone config with a deliberate commit step beside BACKEND=TC is uncertain") {
  const auto report = check_text("BACKEND=TC\nDB emgdb <\nADDRESS=emg:pw@127.0.0.1:3306/emg\n>\n", std::nullopt);
  CHECK(report.phase.effective == Phase::prepare);
  CHECK_FALSE(report.phase.certain);
  REQUIRE(report.phase.alternatives.size() == 1);
  CHECK(report.phase.alternatives[0].phase == Phase::commit);
  CHECK(of_rule(report, "EMG110").size() == 1);
}

TEST_CASE("a lone config with BACKEND=LEVELDB and ADDRESS-form DBs is a certain commit") {
  const auto report = check_text(
      "BACKEND=LEVELDB\nDB emgdb <\nADDRESS=emg:pw@127.0.0.1:3306/emg\n>\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n",
      std::nullopt);
  CHECK(report.phase.effective == Phase::commit);
  CHECK(report.phase.certain);
  for (const auto& finding : report.findings) CHECK(finding.severity != report::Severity::error);
}

TEST_CASE("DLR_TO_SAME_IP beside BACKEND=TC in a lone config is EMG201, not a sign of commit") {
  const auto report = check_text("BACKEND=TC\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n", std::nullopt);
  CHECK(report.phase.effective == Phase::prepare);
  CHECK(report.phase.certain);
  CHECK(of_rule(report, "EMG201").size() == 1);
  CHECK(of_rule(report, "EMG110").empty());
}

TEST_CASE("a missing system boot script is a finding (EMG604), where a named one that is missing is a typo") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  fs::copy(source_dir() / "corpus" / "example" / "home" / "emg" / "etc", root,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  check::CheckOptions options;
  options.default_rc_local = (work.path() / "etc" / "rc.local").string();
  const check::TargetSpec spec{.path = root.string(),
                               .kind = report::TargetKind::installation,
                               .config_path = (root / "server.cfg").string(),
                               .config_name = "server.cfg",
                               .root = root.string()};
  const check::TargetInput input = check::load_target(spec, options);
  CHECK(input.problems.empty());
  const report::TargetReport report = check::check_target(input, options, report::Phase::prepare);
  const auto missing = std::find_if(report.findings.begin(), report.findings.end(), [](const report::Finding& finding) {
    return finding.rule->id == "EMG604";
  });
  REQUIRE(missing != report.findings.end());
  CHECK(missing->message.find("does not exist") != std::string::npos);

  options.no_rc_local = true;
  const report::TargetReport without = check::check_target(check::load_target(spec, options), options, report::Phase::prepare);
  CHECK(std::none_of(without.findings.begin(), without.findings.end(),
                     [](const report::Finding& finding) { return finding.rule->id.starts_with("EMG6"); }));
}
