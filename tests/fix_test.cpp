// `--fix` and `--diff` as an operator meets them: what is written, what is
// kept, what is refused, and that nothing is ever lost.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "check/check.h"
#include "fix/fix_target.h"
#include "fix/text_diff.h"
#include "inspect/file_reader.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

const std::string unprepared_config =
    "# site A\n"
    "CONNECTOR smpp-in <\n"
    "INSTANCES=20\n"
    ">\n";

const std::string rc_local_without_ulimit =
    "#!/bin/sh -e\n"
    "su emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\n"
    "exit 0\n";

// Applies `patch` with `patch -p1` in `directory`; true when it applied cleanly.
bool apply_patch(const fs::path& directory, const std::string& patch) {
  write_file(directory / "change.patch", patch);
  const std::string command =
      "cd '" + directory.string() + "' && patch -p1 --quiet --no-backup-if-mismatch < change.patch >/dev/null 2>&1";
  const bool applied = std::system(command.c_str()) == 0;
  fs::remove(directory / "change.patch");
  return applied;
}

}  // namespace

TEST_CASE("a unified diff restores exactly the new bytes when patch applies it") {
  TemporaryDirectory work;
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"a\nb\nc\n", "a\nB\nc\n"},
      {"a\r\nb\r\n", "a\r\nBACKEND=TC\r\nb\r\n"},
      {"only comments\nno final newline", "only comments\nno final newline\nBACKEND=TC"},
      {"\xEF\xBB\xBFx=1\n", "\xEF\xBB\xBFx=1\ny=2\n"},
      {"1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n"},
  };
  for (const auto& [before, after] : pairs) {
    const std::string diff = fix::unified_diff(before, after, "a/server.cfg", "b/server.cfg");
    INFO(diff);
    REQUIRE(diff.starts_with("--- a/server.cfg\n+++ b/server.cfg\n@@ "));
    write_file(work.path() / "server.cfg", before);
    REQUIRE(apply_patch(work.path(), diff));
    CHECK(read_file(work.path() / "server.cfg") == after);
  }
  CHECK(fix::unified_diff("same\n", "same\n", "a/x", "b/x").empty());
}

TEST_CASE("text edits change only the bytes they cover") {
  const std::string source = "\xEF\xBB\xBF# a\r\nKEY=1\r\nlast";
  std::vector<report::TextEdit> edits(2);
  edits[0].span.begin = edits[0].span.end = 8;  // before KEY
  edits[0].replacement = "BACKEND=TC\r\n";
  edits[1].span.begin = 12;
  edits[1].span.end = 13;
  edits[1].replacement = "2";
  CHECK(fix::apply_text_edits(source, edits) == "\xEF\xBB\xBF# a\r\nBACKEND=TC\r\nKEY=2\r\nlast");
  // A plan out of order, or past the end, never becomes text.
  std::swap(edits[0], edits[1]);
  CHECK_FALSE(fix::apply_text_edits(source, edits));
  edits.resize(1);
  edits[0].span.end = source.size() + 1;
  CHECK_FALSE(fix::apply_text_edits(source, edits));
}

TEST_CASE("a rewritten file keeps its original beside it, and no backup is ever overwritten") {
  TemporaryDirectory work;
  const ScopedWorkingDirectory in_work(work.path());
  const fs::path file = work.path() / "server.cfg";
  const auto fix_backend = [] {
    return run_emglint({"check", "--fix", "--phase", "prepare", "--select", "EMG101", "server.cfg"});
  };
  write_file(file, "# one\n");
  ::chmod(file.c_str(), 0640);
  RunResult run = fix_backend();
  CHECK((run.out + run.err).find("server.cfg.emglint-bak: original kept") != std::string::npos);
  CHECK(read_file(file) == "# one\nBACKEND=TC\n");
  CHECK(read_file("server.cfg.emglint-bak") == "# one\n");
  CHECK(status_of(file).mode == 0640);
  CHECK(status_of("server.cfg.emglint-bak").mode == 0640);

  write_file(file, "# two\n");
  run = fix_backend();
  CHECK((run.out + run.err).find("server.cfg.emglint-bak.1: original kept") != std::string::npos);
  CHECK(read_file("server.cfg.emglint-bak") == "# one\n");
  CHECK(read_file("server.cfg.emglint-bak.1") == "# two\n");

  SECTION("without a backup") {
    write_file(file, "# three\n");
    run = run_emglint({"check", "--fix", "--no-backup", "--phase", "prepare", "--select", "EMG101", "server.cfg"});
    CHECK(read_file(file) == "# three\nBACKEND=TC\n");
    CHECK_FALSE(fs::exists("server.cfg.emglint-bak.2"));
  }
}

TEST_CASE("a --diff shows the patch and changes nothing; --fix then writes exactly that patch") {
  TemporaryDirectory work;
  write_file(work.path() / "server.cfg", unprepared_config);
  write_file(work.path() / "rc.local", rc_local_without_ulimit);
  fs::permissions(work.path() / "rc.local", fs::perms::owner_exec, fs::perm_options::add);
  ScopedWorkingDirectory in_work(work.path());
  const std::vector<std::string> options = {"check", "--phase", "prepare", "--rc-local", "rc.local", "--ulimit",
                                            "100000"};

  auto diff_arguments = options;
  diff_arguments.insert(diff_arguments.begin() + 1, "--diff");
  diff_arguments.push_back("server.cfg");
  const RunResult diff = run_emglint(diff_arguments);
  CHECK(diff.exit_code == 1);  // the findings are still there
  CHECK(diff.out.find("--- a/server.cfg\n+++ b/server.cfg\n") != std::string::npos);
  CHECK(diff.out.find("+BACKEND=TC\n") != std::string::npos);
  CHECK(diff.out.find("+++ /") != std::string::npos);  // rc.local lies outside the target: named absolutely
  CHECK(diff.out.find("+ulimit -n ") != std::string::npos);
  CHECK(diff.err.find("would fix [EMG101]") != std::string::npos);
  CHECK(read_file("server.cfg") == unprepared_config);
  CHECK(read_file("rc.local") == rc_local_without_ulimit);
  CHECK_FALSE(fs::exists("server.cfg.emglint-bak"));

  TemporaryDirectory patched;
  write_file(patched.path() / "server.cfg", unprepared_config);
  REQUIRE(apply_patch(patched.path(), diff.out.substr(0, diff.out.find("--- /"))));

  auto fix_arguments = options;
  fix_arguments.insert(fix_arguments.begin() + 1, "--fix");
  fix_arguments.push_back("server.cfg");
  const RunResult fixed = run_emglint(fix_arguments);
  INFO(fixed.out << fixed.err);
  CHECK(fixed.exit_code == 0);
  CHECK(read_file("server.cfg") == read_file(patched.path() / "server.cfg"));
  CHECK(read_file("server.cfg.emglint-bak") == unprepared_config);
  CHECK(read_file("rc.local").find("ulimit -n") != std::string::npos);
  CHECK(read_file("rc.local.emglint-bak") == rc_local_without_ulimit);
}

TEST_CASE("a --diff masks passwords and says that such a part is for reading") {
  TemporaryDirectory work;
  const std::string config =
      "BACKEND=TC\n"
      "DB emgdb <\n"
      "HOST=db1\n"
      "PORT=3306\n"
      "USERNAME=emg\n"
      "PASSWORD=Very$ecret1\n"
      "DBNAME=emg\n"
      ">\n";
  write_file(work.path() / "server.cfg", config);
  ScopedWorkingDirectory in_work(work.path());
  const RunResult diff = run_emglint({"check", "--diff", "--phase", "commit", "server.cfg"});
  INFO(diff.out << diff.err);
  CHECK(diff.out.find("Very$ecret1") == std::string::npos);
  CHECK(diff.err.find("Very$ecret1") == std::string::npos);
  CHECK(diff.out.find("+ADDRESS=emg:***@db1:3306/emg") != std::string::npos);
  CHECK(diff.out.find("for reading, not for patch") != std::string::npos);
  CHECK(read_file("server.cfg") == config);
}

TEST_CASE("a --fix refuses what it must not touch") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());

  SECTION("a file with syntax errors is never rewritten") {
    const std::string broken = "CONNECTOR smpp-in\nINSTANCES=2\n>\n";
    write_file("server.cfg", broken);
    const RunResult result = run_emglint({"check", "--fix", "--phase", "prepare", "server.cfg"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("not fixed: server.cfg has syntax errors (EMG001)") != std::string::npos);
    CHECK(read_file("server.cfg") == broken);
    CHECK_FALSE(fs::exists("server.cfg.emglint-bak"));
  }
  SECTION("an uncertain phase fixes nothing and asks for --phase") {
    const std::string disputed = "BACKEND=TC\nDB emgdb <\nADDRESS=emg:pw@127.0.0.1:3306/emg\n>\n";
    write_file("server.cfg", disputed);
    const RunResult result = run_emglint({"check", "--fix", "--unsafe-fixes", "server.cfg"});
    CHECK(result.out.find("name the phase with --phase") != std::string::npos);
    CHECK(read_file("server.cfg") == disputed);
  }
  SECTION("DLR_TO_SAME_IP beside BACKEND=TC leaves the phase certain, so its unsafe fix applies") {
    write_file("server.cfg", "BACKEND=TC\nCONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n");
    const RunResult result = run_emglint({"check", "--fix", "--unsafe-fixes", "server.cfg"});
    CHECK(result.exit_code == 0);
    CHECK(read_file("server.cfg") == "BACKEND=TC\nCONNECTOR smpp-out <\n#DLR_TO_SAME_IP\n>\n");
  }
  SECTION("an installation's server.cfg that is a link leading out of it is not written") {
    fs::create_directories("emg/bin");
    write_file("outside.cfg", unprepared_config);
    fs::create_symlink("../outside.cfg", "emg/server.cfg");
    write_file("rc.local", "#!/bin/sh\nulimit -n 100000\nsu emg -c 'perl emg_watchdog.pl &'\n");
    const RunResult result =
        run_emglint({"check", "--fix", "--phase", "prepare", "--select", "EMG101", "--rc-local", "rc.local", "emg"});
    CHECK(result.exit_code == 1);  // EMG101 is left
    CHECK(result.out.find("not fixed: [EMG101] general/BACKEND: emg/server.cfg: leads out of emg") != std::string::npos);
    CHECK(read_file("outside.cfg") == unprepared_config);
  }
  SECTION("--no-backup keeps no backup, and the options need --fix") {
    write_file("server.cfg", unprepared_config);
    CHECK(run_emglint({"check", "--no-backup", "server.cfg"}).exit_code == 2);
    CHECK(run_emglint({"check", "--unsafe-fixes", "server.cfg"}).exit_code == 2);
    CHECK(run_emglint({"check", "--diff", "--fix", "server.cfg"}).exit_code == 2);
    CHECK(run_emglint({"check", "--diff", "--format", "json", "server.cfg"}).exit_code == 2);
    CHECK(read_file("server.cfg") == unprepared_config);
    const RunResult result = run_emglint({"check", "--fix", "--no-backup", "--phase", "prepare", "server.cfg"});
    CHECK(result.exit_code == 0);
    CHECK(read_file("server.cfg").find("BACKEND=TC") != std::string::npos);
    CHECK_FALSE(fs::exists("server.cfg.emglint-bak"));
  }
  SECTION("a second --fix changes nothing and keeps the first backup") {
    write_file("server.cfg", unprepared_config);
    REQUIRE(run_emglint({"check", "--fix", "--phase", "prepare", "server.cfg"}).exit_code == 0);
    const std::string fixed = read_file("server.cfg");
    const RunResult again = run_emglint({"check", "--fix", "--phase", "prepare", "server.cfg"});
    CHECK(again.out.find("0 fixed;") != std::string::npos);
    CHECK(read_file("server.cfg") == fixed);
    CHECK(read_file("server.cfg.emglint-bak") == unprepared_config);
    CHECK_FALSE(fs::exists("server.cfg.emglint-bak.1"));
  }
}

TEST_CASE("a config repository is fixed file by file, in parallel") {
  TemporaryDirectory work;
  for (int site = 0; site < 12; ++site) {
    write_file(work.path() / ("site" + std::to_string(site)) / "server.cfg",
               site % 3 == 0 ? "BACKEND=TC\n" + unprepared_config : unprepared_config);
  }
  write_file(work.path() / "broken" / "server.cfg", "CONNECTOR x\n");
  const RunResult result =
      run_emglint({"check", "--fix", "-j", "2", "--phase", "prepare", "--format", "json", work.path().string()});
  CHECK(result.exit_code == 1);  // the broken one stays
  for (int site = 0; site < 12; ++site) {
    const fs::path config = work.path() / ("site" + std::to_string(site)) / "server.cfg";
    CHECK(read_file(config).find("BACKEND=TC") != std::string::npos);
    CHECK(fs::exists(config.string() + ".emglint-bak") == (site % 3 != 0));
  }
  CHECK(read_file(work.path() / "broken" / "server.cfg") == "CONNECTOR x\n");
  CHECK(result.out.find("\"fixed\": 8") != std::string::npos);
}

TEST_CASE("the fix loop gives up on fixes that do not settle or break the syntax, and rolls the texts back") {
  TemporaryDirectory work;
  const fs::path config = work.path() / "server.cfg";
  write_file(config, "BACKEND=TC\n");
  const check::TargetSpec spec{.path = config.string(),
                               .kind = report::TargetKind::config,
                               .config_path = config.string(),
                               .config_name = config.string(),
                               .root = config.string()};
  const check::CheckOptions options;
  const fix::Loader load = [&] { return check::load_target(spec, options); };
  static const report::RuleInfo rule{.id = "EMG999",
                                     .name = "test-rule",
                                     .phases = report::PhaseSet::all(),
                                     .severity = report::Severity::error,
                                     .fix = report::FixAvailability::safe,
                                     .scope = report::Scope::config,
                                     .summary = "a rule whose fix misbehaves"};
  // A rule that always inserts `line` at the top: its fix never settles.
  const auto inserting = [&](std::string line) {
    return [line, &options](const check::TargetInput& input, std::optional<report::Phase> phase) {
      report::TargetReport report = check::check_target(input, options, phase);
      report::Finding finding;
      finding.rule = &rule;
      finding.file = input.config_file;
      finding.object = "general";
      report::Fix fix;
      fix.description = "insert a line";
      fix.edits.push_back({.file = input.config_file, .span = {}, .replacement = line, .shown_replacement = line});
      finding.fix = fix;
      report.findings.push_back(finding);
      return report;
    };
  };

  SECTION("a fix that never settles") {
    const fix::FixOutcome outcome =
        fix::fix_with(spec, load, inserting("# again\n"), report::Phase::prepare, {.write = true});
    REQUIRE(outcome.problems.size() == 1);
    CHECK(outcome.problems[0].find("did not settle after 10 rounds") != std::string::npos);
    CHECK(read_file(config) == "BACKEND=TC\n");
    CHECK_FALSE(fs::exists(config.string() + ".emglint-bak"));
  }
  SECTION("a fix that leaves a syntax error") {
    const fix::FixOutcome outcome =
        fix::fix_with(spec, load, inserting("CONNECTOR unclosed\n"), report::Phase::prepare, {.write = true});
    REQUIRE(outcome.problems.size() == 1);
    CHECK(outcome.problems[0].find("the fixes of EMG999 would leave a syntax error") != std::string::npos);
    CHECK(read_file(config) == "BACKEND=TC\n");
    REQUIRE(outcome.report);
    CHECK(outcome.report->fixed.empty());
  }
  SECTION("a file changed while the fixes were made is left alone") {
    bool changed = false;
    const fix::Checker changing = [&](const check::TargetInput& input, std::optional<report::Phase> phase) {
      if (!changed) {
        changed = true;
        write_file(config, "BACKEND=TC\n# an operator's edit\n");
      }
      return check::check_target(input, options, phase);
    };
    write_file(config, "CONNECTOR a <\nINSTANCES=2\n>\n");
    const fix::FixOutcome outcome = fix::fix_with(spec, load, changing, report::Phase::prepare, {.write = true});
    REQUIRE(outcome.problems.size() == 1);
    CHECK(outcome.problems[0].find("changed since the check, left alone") != std::string::npos);
    CHECK(read_file(config) == "BACKEND=TC\n# an operator's edit\n");
    REQUIRE(outcome.report);
    CHECK(outcome.report->fixed.empty());
  }
}

TEST_CASE("run as root, --fix keeps the owner, group and mode of what it rewrites") {
  if (!running_as_root("giving files to another user")) return;
  TemporaryDirectory work;
  const fs::path config = work.path() / "server.cfg";
  const fs::path rc_local = work.path() / "rc.local";
  write_file(config, unprepared_config);
  write_file(rc_local, rc_local_without_ulimit);
  REQUIRE(::chown(config.c_str(), 1234, 2345) == 0);
  REQUIRE(::chmod(config.c_str(), 0604) == 0);
  REQUIRE(::chown(rc_local.c_str(), 3456, 4567) == 0);
  REQUIRE(::chmod(rc_local.c_str(), 0750) == 0);

  const RunResult result = run_emglint(
      {"check", "--fix", "--phase", "prepare", "--rc-local", rc_local.string(), "--ulimit", "100000", config.string()});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  REQUIRE(read_file(config) != unprepared_config);
  REQUIRE(read_file(rc_local) != rc_local_without_ulimit);
  for (const fs::path& path : {config, fs::path(config.string() + ".emglint-bak")}) {
    const FileStatus status = status_of(path);
    CHECK(status.uid == 1234);
    CHECK(status.gid == 2345);
    CHECK(status.mode == 0604);
  }
  for (const fs::path& path : {rc_local, fs::path(rc_local.string() + ".emglint-bak")}) {
    const FileStatus status = status_of(path);
    CHECK(status.uid == 3456);
    CHECK(status.gid == 4567);
    CHECK(status.mode == 0750);
  }
}

TEST_CASE("an insertion and a rewrite at the same place are both made, the insertion first") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  // EMG101 inserts BACKEND=TC where EMG008 rewrites `rotatelogs`.
  write_file("server.cfg", "rotatelogs=100M:5\nPERSISTFILES\n");
  const RunResult result = run_emglint({"check", "--fix", "--phase", "prepare", "server.cfg"});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  CHECK(read_file("server.cfg") == "BACKEND=TC\nROTATELOGS=100M:5\nPERSISTFILES\n");
}

TEST_CASE("a boot script is edited only when named, and never for several targets at once") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("rc.local", rc_local_without_ulimit);
  fs::permissions("rc.local", fs::perms::owner_exec, fs::perm_options::add);
  write_file("configs/a/server.cfg", "BACKEND=TC\n" + unprepared_config);
  write_file("configs/b/server.cfg", "BACKEND=TC\n" + unprepared_config);

  const RunResult shared =
      run_emglint({"check", "--fix", "--phase", "prepare", "--rc-local", "rc.local", "--ulimit", "100000", "configs"});
  INFO(shared.out << shared.err);
  CHECK(shared.out.find("is the boot script of several targets of this run") != std::string::npos);
  CHECK(read_file("rc.local") == rc_local_without_ulimit);

  // Named in a settings file that was found, not given: not written either.
  write_file(".emglint.toml", "rc-local = \"rc.local\"\nulimit = 100000\n");
  const RunResult found = run_emglint({"check", "--fix", "--phase", "prepare", "configs/a/server.cfg"});
  CHECK(found.out.find("was found, not named") != std::string::npos);
  CHECK(read_file("rc.local") == rc_local_without_ulimit);
  fs::remove(".emglint.toml");

  const RunResult named = run_emglint(
      {"check", "--fix", "--phase", "prepare", "--rc-local", "rc.local", "--ulimit", "100000", "configs/a/server.cfg"});
  CHECK(named.exit_code == 0);
  CHECK(read_file("rc.local").find("ulimit -n ") != std::string::npos);
}

TEST_CASE("a baseline that cannot be read stops --fix before anything is written") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("server.cfg", unprepared_config);
  const RunResult result =
      run_emglint({"check", "--fix", "--phase", "prepare", "--baseline", "missing.json", "server.cfg"});
  CHECK(result.exit_code == 2);
  CHECK(read_file("server.cfg") == unprepared_config);
  CHECK_FALSE(fs::exists("server.cfg.emglint-bak"));
}

TEST_CASE("a --diff masks a password wherever it occurs, in a comment or the boot script") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("server.cfg",
             "# the old password was Sup3rSecret\nCONNECTOR a <\nINSTANCES=2\n>\nDB emgdb <\nHOST=db\nPORT=1\n"
             "USERNAME=emg\nPASSWORD=Sup3rSecret\nDBNAME=emg\n>\n");
  write_file("rc.local", "#!/bin/sh -e\nsu emg -c 'DBPW=Sup3rSecret perl emg_watchdog.pl &'\nexit 0\n");
  fs::permissions("rc.local", fs::perms::owner_exec, fs::perm_options::add);
  const RunResult diff =
      run_emglint({"check", "--diff", "--phase", "prepare", "--rc-local", "rc.local", "--ulimit", "100000", "server.cfg"});
  INFO(diff.out);
  CHECK(diff.out.find("+BACKEND=TC") != std::string::npos);
  CHECK(diff.out.find("+ulimit -n ") != std::string::npos);
  CHECK(diff.out.find("Sup3rSecret") == std::string::npos);
  CHECK(diff.err.find("Sup3rSecret") == std::string::npos);
}

TEST_CASE("a fix through a linked file edits the real file and names the backup where it really is") {
  TemporaryDirectory work;
  const ScopedWorkingDirectory in_work(work.path());
  const std::string real = fs::canonical(work.path()).string();
  fs::create_directories("etc/rc.d");
  write_file("etc/rc.d/rc.local", "#!/bin/sh -e\nsu emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\nexit 0\n");
  fs::permissions("etc/rc.d/rc.local", fs::perms::owner_exec, fs::perm_options::add);
  fs::create_symlink("rc.d/rc.local", "etc/rc.local");
  fs::create_directories("configs");
  write_file("configs/server.cfg", "CONNECTOR smpp-in <\nINSTANCES=4\n>\n");
  fs::create_directories("site");
  fs::create_symlink("../configs/server.cfg", "site/server.cfg");

  const RunResult run = run_emglint({"check", "--fix", "--phase", "prepare", "--rc-local", "etc/rc.local", "--select",
                                     "EMG101,EMG601", "site/server.cfg"});
  const std::string output = run.out + run.err;
  INFO(output);
  CHECK(fs::is_symlink("etc/rc.local"));
  CHECK(read_file("etc/rc.d/rc.local").find("ulimit -n") != std::string::npos);
  CHECK(output.find(real + "/etc/rc.d/rc.local.emglint-bak: original kept") != std::string::npos);
  CHECK(fs::exists("etc/rc.d/rc.local.emglint-bak"));
  CHECK_FALSE(fs::exists("etc/rc.local.emglint-bak"));

  CHECK(fs::is_symlink("site/server.cfg"));
  CHECK(read_file("configs/server.cfg").starts_with("BACKEND=TC\n"));
  CHECK(output.find(real + "/configs/server.cfg.emglint-bak: original kept") != std::string::npos);
  CHECK(fs::exists("configs/server.cfg.emglint-bak"));
  CHECK_FALSE(fs::exists("site/server.cfg.emglint-bak"));
}

TEST_CASE("a fix --fix would refuse is not counted as fixable") {
  TemporaryDirectory work;
  const ScopedWorkingDirectory in_work(work.path());
  SECTION("in a server.cfg with a syntax error") {
    write_file("server.cfg", "BACKEND=TC\nloglevel=INFO\nCONNECTOR unclosed <\nINSTANCES=1\n");
  }
  SECTION("with the phase in doubt") {
    write_file("server.cfg", "BACKEND=TC\nloglevel=INFO\nDB emgdb <\nADDRESS=emg:pw@db:3306/emg\n>\n");
  }
  const RunResult check = run_emglint({"check", "server.cfg"});
  INFO(check.out);
  CHECK(check.out.find("loglevel") != std::string::npos);
  CHECK(check.out.find("fixable") == std::string::npos);
  const RunResult fix = run_emglint({"check", "--fix", "server.cfg"});
  CHECK(fix.out.find("fixed [") == std::string::npos);
}

TEST_CASE("a boot script --fix may not edit gives fixes that are not counted as fixable") {
  TemporaryDirectory work;
  const ScopedWorkingDirectory in_work(work.path());
  write_file("rc.local", rc_local_without_ulimit);
  fs::permissions("rc.local", fs::perms::owner_exec, fs::perm_options::add);
  write_file("configs/a/server.cfg", "BACKEND=TC\nCONNECTOR a <\nINSTANCES=2\n>\n");
  write_file("configs/b/server.cfg", "BACKEND=TC\nCONNECTOR b <\nINSTANCES=2\n>\n");
  const std::vector<std::string> options = {"--phase", "prepare", "--select", "EMG601", "--rc-local", "rc.local"};
  const auto run = [&](std::vector<std::string> words) {
    words.insert(words.end(), options.begin(), options.end());
    return run_emglint(words);
  };
  const RunResult shared = run({"check", "configs"});
  INFO(shared.out);
  CHECK(shared.out.find("EMG601") != std::string::npos);
  CHECK(shared.out.find("fixable") == std::string::npos);
  const RunResult named = run({"check", "configs/a/server.cfg"});
  CHECK(named.out.find("(1 fixable with --fix)") != std::string::npos);
}
