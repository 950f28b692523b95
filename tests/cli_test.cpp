// The command line as users and scripts see it: exit codes, messages, and
// bad input that must end in a finding or exit code 2, never a crash or hang.
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string_view>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

const std::string small_config =
    "BACKEND=TC\n"
    "CONNECTOR smpp-in <\n"
    "INSTANCES=20\n"
    ">\n";

// Runs its scope as an unprivileged user when the tests run as root, so that
// permission checks apply.
class Unprivileged {
 public:
  Unprivileged() : was_root_(::geteuid() == 0) {
    if (was_root_ && ::seteuid(65534) != 0) FAIL("seteuid failed");
  }
  Unprivileged(const Unprivileged&) = delete;
  Unprivileged& operator=(const Unprivileged&) = delete;
  ~Unprivileged() {
    if (was_root_ && ::seteuid(0) != 0) std::abort();
  }

 private:
  bool was_root_;
};

// Whether `text` is valid UTF-8 with no control character but new lines and tabs.
bool is_printable_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) return false;
      ++i;
      continue;
    }
    const std::size_t size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 0;
    if (size == 0 || byte > 0xf4 || i + size > text.size()) return false;
    for (std::size_t k = 1; k < size; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += size;
  }
  return true;
}

}  // namespace

TEST_CASE("the version and help flags and usage errors") {
  auto version = run_emglint({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out == "emglint 0.1.0\n");

  auto help = run_emglint({"check", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--fail-on") != std::string::npos);

  auto unknown = run_emglint({"check", "--no-such-option"});
  CHECK(unknown.exit_code == 2);
  CHECK_FALSE(unknown.err.empty());

  auto bad_phase = run_emglint({"check", "--phase", "later", "x"});
  CHECK(bad_phase.exit_code == 2);

  auto bad_select = run_emglint({"check", "--select", "EMG9X9", "x"});
  CHECK(bad_select.exit_code == 2);
  CHECK(bad_select.err.find("EMG9X9") != std::string::npos);

  CHECK(run_emglint({}).exit_code == 2);
}

TEST_CASE("the rules and explain commands") {
  auto list = run_emglint({"rules", "--format", "json"});
  REQUIRE(list.exit_code == 0);
  const auto rules = nlohmann::json::parse(list.out);
  REQUIRE(rules.size() >= 9);
  CHECK(rules[0]["id"] == "EMG001");
  CHECK(rules[0]["severity"] == "error");
  CHECK(rules[0]["phases"].size() == 4);

  auto page = run_emglint({"explain", "emg004"});
  CHECK(page.exit_code == 0);
  CHECK(page.out.starts_with("# EMG004 possible-typo\n"));

  auto unknown = run_emglint({"explain", "EMG999"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("EMG999") != std::string::npos);

  const auto by_id = run_emglint({"explain", "EMG201"});
  REQUIRE(by_id.exit_code == 0);
  CHECK(by_id.out.starts_with("# EMG201 dlr-to-same-ip-too-early\n"));
  for (const char* name : {"dlr-to-same-ip-too-early", "DLR-To-Same-IP-Too-Early"}) {
    INFO(name);
    const auto by_name = run_emglint({"explain", name});
    CHECK(by_name.exit_code == 0);
    CHECK(by_name.out == by_id.out);
    CHECK(by_name.err.empty());
  }

  const auto misspelt = run_emglint({"explain", "dlr-to-same-ip-to-early"});
  CHECK(misspelt.exit_code == 2);
  CHECK(misspelt.out.empty());
  CHECK(misspelt.err ==
        "emglint: no rule `dlr-to-same-ip-to-early`; did you mean `dlr-to-same-ip-too-early`?\n"
        "(`emglint rules` lists them)\n");
  const auto near_id = run_emglint({"explain", "emg2011"});
  CHECK(near_id.exit_code == 2);
  CHECK(near_id.err == "emglint: no rule `emg2011`; did you mean `EMG201`?\n(`emglint rules` lists them)\n");
  const auto far = run_emglint({"explain", "no-such-rule-at-all"});
  CHECK(far.exit_code == 2);
  CHECK(far.err == "emglint: no rule `no-such-rule-at-all`; `emglint rules` lists them\n");
}

TEST_CASE("a missing PATH is exit code 2 with a message") {
  auto result = run_emglint({"check", "/nonexistent/emg"});
  CHECK(result.exit_code == 2);
  CHECK(result.err == "emglint: /nonexistent/emg: No such file or directory\n");
}

TEST_CASE("without PATH check uses EMGDIR") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", small_config);
  fs::create_directories(dir.path() / "spool");  // an installation, not a lone site
  const std::string rc_local = (source_dir() / "corpus/example/etc/rc.local").string();
  auto result =
      run_emglint({"check", "--format", "json", "--rc-local", rc_local},
                  {.stdout_is_terminal = false, .no_color = false, .emgdir = dir.path().string(), .emglogdir = {}});
  CHECK(result.exit_code == 0);
  CHECK(nlohmann::json::parse(result.out)["targets"][0]["path"] == dir.path().string());
}

// Bad input ends in a finding or exit code 2, never in a crash or a hang. One
// test case each, so that ctest shares the larger inputs out between jobs.
struct BadInput {
  TemporaryDirectory dir;
  const fs::path config = dir.path() / "server.cfg";
};

TEST_CASE_METHOD(BadInput, "bad input, an empty file") {
  write_file(config, "");
  auto result = run_emglint({"check", config.string()});
  // Read as a config not yet prepared: it lacks BACKEND=TC (EMG101).
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("EMG101") != std::string::npos);
  CHECK(result.err.empty());
}

TEST_CASE_METHOD(BadInput,
                 "bad input, binary garbage: one finding that says where, and not a byte of it in any format") {
  std::mt19937 random(42);
  std::string garbage(1 << 20, '\0');
  for (char& byte : garbage) byte = static_cast<char>(random());
  garbage.replace(0, 20, "PASSWORD=Garbage7pw\n");
  const std::size_t nul = garbage.find('\0');
  REQUIRE(nul < 8000);
  write_file(config, garbage);
  auto json = run_emglint({"check", "--format", "json", config.string()});
  CHECK(json.exit_code == 1);
  const auto report = nlohmann::json::parse(json.out);
  REQUIRE(report["findings"].size() == 1);
  const auto& finding = report["findings"][0];
  CHECK(finding["rule"] == "EMG001");
  CHECK(finding["line"].is_null());
  CHECK(finding["message"] ==
        fmt::format("not a text file: it holds a NUL byte at line {}, column {} (byte offset {}), "
                    "so nothing else in it is checked",
                    1 + std::count(garbage.begin(), garbage.begin() + static_cast<long>(nul), '\n'),
                    nul - garbage.rfind('\n', nul), nul));
  CHECK(report["targets"][0]["phase"]["certain"] == false);
  CHECK(report["targets"][0]["phase"]["evidence"] == nlohmann::json::array({config.string() + " is not a text file"}));
  for (const char* format : {"text", "json", "sarif", "github"}) {
    INFO(format);
    auto result = run_emglint({"check", "--format", format, "--color", "always", config.string()});
    CHECK(result.exit_code == 1);
    CHECK(result.err.empty());
    CHECK(result.out.find("Garbage7pw") == std::string::npos);
    // The colour codes are emglint's own; every other byte is printable UTF-8.
    std::string out = result.out;
    for (const std::string_view code : {"\x1b[1m", "\x1b[1;31m", "\x1b[0m"}) {
      for (auto at = out.find(code); at != std::string::npos; at = out.find(code)) out.erase(at, code.size());
    }
    CHECK(is_printable_utf8(out));
  }
  auto text = run_emglint({"check", config.string()});
  CHECK(text.out.find(fmt::format("{}: phase not detected ({} is not a text file)\n", config.string(),
                                  config.string())) != std::string::npos);
}

TEST_CASE_METHOD(BadInput, "bad input, garbage without a NUL byte: a capped list of syntax errors") {
  std::mt19937 random(42);
  std::string garbage(1 << 20, '\0');
  for (char& byte : garbage) byte = static_cast<char>(random() % 255 + 1);
  write_file(config, garbage);
  auto result = run_emglint({"check", "--format", "json", config.string()});
  CHECK(result.exit_code == 1);
  const auto report = nlohmann::json::parse(result.out);
  std::vector<std::string> syntax_errors;
  for (const auto& finding : report["findings"]) {
    if (finding["rule"] == "EMG001") syntax_errors.push_back(finding["message"]);
  }
  REQUIRE(syntax_errors.size() == 101);
  CHECK(syntax_errors.back().find("more EMG001 findings in this file are not shown") != std::string::npos);
}

TEST_CASE_METHOD(
    BadInput,
    "bad input, INSTANCES near the largest number: counts saturate, never wrap, and no fix writes a refused limit") {
  constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
  const fs::path rc_local = dir.path() / "rc.local";
  struct Extreme {
    std::vector<std::int64_t> instances;  // one CONNECTOR block each
    std::int64_t total;
    std::int64_t needed;
  };
  const std::vector<Extreme> extremes = {
      {{max}, max, max},
      {{max / 2}, max / 2, max - 1},
      {{max / 2 + 1}, max / 2 + 1, max},  // 4611686018427387904: twice it is 2^63
      {{max / 2, max / 2, max / 4}, max, max},
      {{max / 2 - 1000}, max / 2 - 1000, max - 2001},
  };
  for (const Extreme& extreme : extremes) {
    std::string text = "BACKEND=TC\n";
    for (std::size_t i = 0; i < extreme.instances.size(); ++i) {
      text += fmt::format("CONNECTOR c{} <\nINSTANCES={}\n>\n", i, extreme.instances[i]);
    }
    INFO(text);
    write_file(config, text);
    write_file(rc_local, "#!/bin/sh\nsu - emg -c 'emg_watchdog &'\n");
    fs::permissions(rc_local, fs::perms::owner_all);
    const auto report = nlohmann::json::parse(
        run_emglint({"check", "--format", "json", "--rc-local", rc_local.string(), config.string()}).out);
    const auto& facts = report["targets"][0]["facts"];
    CHECK(facts["connector_instances"] == extreme.total);
    CHECK(facts["open_files_needed"] == extreme.needed);
    REQUIRE(report["findings"].size() == 1);
    const auto& finding = report["findings"][0];
    CHECK(finding["rule"] == "EMG601");
    CHECK(finding["message"] == fmt::format("the boot script sets no `ulimit -n`: EMG needs at least {} open files "
                                            "({} connector instances), set before the watchdog starts",
                                            extreme.needed, extreme.total));
    // No number Linux accepts (at most fs.nr_open) holds that many: no fix writes one that fails at boot.
    CHECK(finding["fix"].is_null());
    auto fixed = run_emglint({"check", "--fix", "--color", "never", "--rc-local", rc_local.string(), config.string()});
    CHECK(fixed.exit_code == 1);
    CHECK(read_file(rc_local) == "#!/bin/sh\nsu - emg -c 'emg_watchdog &'\n");
  }
}

TEST_CASE_METHOD(BadInput, "bad input, a 50 MB line") {
  write_file(config, "BACKEND=TC\n=" + std::string(50u << 20, 'x') + "\n");
  auto result = run_emglint({"check", "--color", "never", config.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("error[EMG001]") != std::string::npos);
  CHECK(result.out.size() < 2000);
}

TEST_CASE_METHOD(BadInput, "bad input, a 50 MB value is quoted in short") {
  write_file(config, "BACKEND=TC # " + std::string(50u << 20, 'x') + "\nBACKEND=" + std::string(50u << 20, 'y') + "\n");
  auto result = run_emglint({"check", "--color", "never", "--phase", "prepare", config.string()});
  CHECK(result.exit_code == 1);
  CHECK(result.out.find("[EMG007]") != std::string::npos);
  CHECK(result.out.find("[EMG103]") != std::string::npos);
  CHECK(result.out.size() < 5000);
}

TEST_CASE_METHOD(BadInput, "bad input, a FIFO named server.cfg") {
  REQUIRE(::mkfifo(config.c_str(), 0644) == 0);
  auto lone = run_emglint({"check", config.string()});
  CHECK(lone.exit_code == 2);
  CHECK(lone.err.find("not a regular file: it is a FIFO") != std::string::npos);
  auto installation = run_emglint({"check", dir.path().string()});
  CHECK(installation.exit_code == 2);
  CHECK(installation.err.find("server.cfg: not a regular file: it is a FIFO") != std::string::npos);
}

TEST_CASE_METHOD(BadInput, "bad input, a device named server.cfg") {
  fs::create_symlink("/dev/zero", config);
  auto result = run_emglint({"check", dir.path().string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("it is a character device") != std::string::npos);
}

TEST_CASE_METHOD(BadInput, "bad input, a directory where server.cfg should be") {
  fs::create_directory(config);
  auto result = run_emglint({"check", dir.path().string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("server.cfg: not a regular file: it is a directory") != std::string::npos);
}

TEST_CASE_METHOD(BadInput, "bad input, a symlink loop") {
  fs::create_symlink("server.cfg", config);
  auto result = run_emglint({"check", config.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("symbolic links") != std::string::npos);
}

TEST_CASE_METHOD(BadInput, "bad input, permission denied") {
  write_file(config, small_config);
  fs::permissions(config, fs::perms::none);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
  Unprivileged unprivileged;
  auto result = run_emglint({"check", config.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("Permission denied") != std::string::npos);
}

TEST_CASE("a config repository is every server.cfg below it without following directory links") {
  TemporaryDirectory dir;
  write_file(dir.path() / "site-b" / "server.cfg", small_config);
  write_file(dir.path() / "site-a" / "nested" / "server.cfg", "BACKEND=TC\nBAKEND=TC\n");
  write_file(dir.path() / "site-a" / "extra.cfg", "BACKEND=TC\n");
  fs::create_directory_symlink("..", dir.path() / "site-b" / "loop");

  auto result = run_emglint({"check", "--format", "json", dir.path().string()});
  CHECK(result.exit_code == 0);
  const auto report = nlohmann::json::parse(result.out);
  REQUIRE(report["targets"].size() == 2);
  CHECK(report["targets"][0]["path"] == (dir.path() / "site-a/nested/server.cfg").string());
  CHECK(report["targets"][1]["path"] == (dir.path() / "site-b/server.cfg").string());
  CHECK(report["findings"][0]["rule"] == "EMG004");

  auto included = run_emglint({"check", "--format", "json", "--include", "*.cfg", dir.path().string()});
  CHECK(nlohmann::json::parse(included.out)["targets"].size() == 3);

  TemporaryDirectory empty;
  auto nothing = run_emglint({"check", empty.path().string()});
  CHECK(nothing.exit_code == 2);
  CHECK(nothing.err.find("no server.cfg") != std::string::npos);
}

TEST_CASE("a folder holding only server.cfg is a config target, not an installation") {
  TemporaryDirectory dir;
  write_file(dir.path() / "site01" / "server.cfg", "BACKEND=TC\nCONNECTOR smpp-in <\nINSTANCES=4\n>\n");
  const std::string site = (dir.path() / "site01").string();
  const RunResult result = run_emglint({"check", "--format", "json", site});
  INFO(result.out << result.err);
  CHECK(result.exit_code == 0);
  const auto report = nlohmann::json::parse(result.out);
  REQUIRE(report["targets"].size() == 1);
  CHECK(report["targets"][0]["kind"] == "config");
  CHECK(report["targets"][0]["path"] == site + "/server.cfg");
  // No host boot script, no open-files guess, no binaries as phase evidence.
  CHECK(report["findings"].empty());
  CHECK(report["targets"][0]["phase"]["evidence"].dump().find("bin/emgd") == std::string::npos);

  // With bin/ beside it, the same folder is an installation.
  fs::create_directories(dir.path() / "site01" / "bin");
  const auto installation = nlohmann::json::parse(
      run_emglint({"check", "--format", "json", "--no-rc-local", site}).out);
  CHECK(installation["targets"][0]["kind"] == "installation");
}

TEST_CASE("fail-on sets the severity that fails the run") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", "BACKEND=TC\nBAKEND=TC\n");  // one warning
  const std::string path = (dir.path() / "server.cfg").string();
  CHECK(run_emglint({"check", path}).exit_code == 0);
  CHECK(run_emglint({"check", "--fail-on", "warning", path}).exit_code == 1);
  CHECK(run_emglint({"check", "--fail-on", "never", "--select", "EMG0", path}).exit_code == 0);
  CHECK(run_emglint({"check", "--fail-on", "warning", "--ignore", "EMG004", path}).exit_code == 0);
}

TEST_CASE("the output option writes the report to a file and nothing to standard output") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", small_config);
  const fs::path report = dir.path() / "report.json";
  auto result = run_emglint({"check", "--format", "json", "-o", report.string(), (dir.path() / "server.cfg").string()});
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  CHECK(nlohmann::json::parse(read_file(report))["schema_version"] == 1);

  auto unwritable = run_emglint({"check", "-o", "/nonexistent/dir/report", (dir.path() / "server.cfg").string()});
  CHECK(unwritable.exit_code == 2);
  CHECK(unwritable.err.find("cannot write the report") != std::string::npos);
}

TEST_CASE("a FIFO or a device at log/general is a problem and never a hang") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", small_config);
  const std::string rc_local = (source_dir() / "corpus/example/etc/rc.local").string();
  fs::create_directories(dir.path() / "log");
  SECTION("a FIFO") { REQUIRE(::mkfifo((dir.path() / "log" / "general").c_str(), 0644) == 0); }
  SECTION("a device") { fs::create_symlink("/dev/zero", dir.path() / "log" / "general"); }
  auto result = run_emglint({"check", "--rc-local", rc_local, dir.path().string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("log/general: not a regular file") != std::string::npos);
}

TEST_CASE("the log directory comes from --log-dir or EMGLOGDIR") {
  TemporaryDirectory dir;
  write_file(dir.path() / "emg" / "server.cfg", small_config);
  fs::create_directories(dir.path() / "emg" / "spool");
  write_file(dir.path() / "logs" / "general",
             "Nov 25 13:31:33.123456 INFO emgd 7.2.0-50785 starting\n"
             "Nov 25 13:31:34.000001 ERROR connector down\n");
  const std::string rc_local = (source_dir() / "corpus/example/etc/rc.local").string();
  const std::string logs = (dir.path() / "logs").string();
  const std::vector<std::string> common = {"check", "--phase", "start", "--select", "EMG801", "--rc-local", rc_local};
  auto with_option = common;
  with_option.insert(with_option.end(), {"--log-dir", logs, (dir.path() / "emg").string()});
  auto by_option = run_emglint(with_option);
  CHECK(by_option.out.find(logs + "/general:2:1: warning[EMG801]") != std::string::npos);

  auto with_environment = common;
  with_environment.push_back((dir.path() / "emg").string());
  auto by_environment =
      run_emglint(with_environment, {.stdout_is_terminal = false, .no_color = false, .emgdir = {}, .emglogdir = logs});
  CHECK(by_environment.out.find(logs + "/general:2:1: warning[EMG801]") != std::string::npos);
}

TEST_CASE("an unreadable distribution directory is exit code 2 and never a crash") {
  TemporaryDirectory dir;
  write_file(dir.path() / "a" / "server.cfg", small_config);
  write_file(dir.path() / "b" / "server.cfg", small_config);
  fs::create_directories(dir.path() / "a" / "bin");
  fs::create_directories(dir.path() / "b" / "bin");
  const std::string rc_local = (source_dir() / "corpus/example/etc/rc.local").string();
  auto result = run_emglint({"check", "--rc-local", rc_local, "--dist", "/tmp/" + std::string(5000, 'a'),
                             (dir.path() / "a").string(), (dir.path() / "b").string()});
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("File name too long") != std::string::npos);
}

TEST_CASE("the command line answers as users of ruff and hadolint expect") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("emg/server.cfg", small_config);
  fs::create_directories("emg/spool");

  const RunResult bare = run_emglint({});
  CHECK(bare.exit_code == 2);
  CHECK(bare.out.find("Usage: emglint") != std::string::npos);

  const RunResult typo = run_emglint({"check", "--fxi", "emg"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.starts_with("emglint: "));
  CHECK(typo.err.find("did you mean `--fix`?") != std::string::npos);
  CHECK(run_emglint({"chek", "emg"}).err.find("did you mean `check`?") != std::string::npos);

  const RunResult second_word = run_emglint({"check", "--select", "EMG1", "EMG2", "emg"});
  CHECK(second_word.exit_code == 2);
  CHECK(second_word.err.find("--select EMG1,EMG2") != std::string::npos);

  const RunResult help = run_emglint({"check", "--help"});
  for (const char* metavariable : {"--rc-local FILE", "--jobs N", "--select IDS", "--dist DIR"}) {
    CHECK(help.out.find(metavariable) != std::string::npos);
  }

  const RunResult no_path = run_emglint({"check"}, {.emgdir = (work.path() / "nothing-here").string()});
  CHECK(no_path.exit_code == 2);
  CHECK(no_path.err.find("it is the PATH when none is given") != std::string::npos);

  // A boot script named on purpose that is missing is a typo; the default one may be missing (EMG604).
  const RunResult typo_rc_local = run_emglint({"check", "--rc-local", "rc.lcoal", "emg"});
  CHECK(typo_rc_local.exit_code == 2);
  CHECK(typo_rc_local.err.find("--rc-local rc.lcoal: no such file") != std::string::npos);
  const RunResult no_rc_local = run_emglint({"check", "--no-rc-local", "--phase", "prepare", "emg"});
  CHECK(no_rc_local.exit_code == 0);
  CHECK(no_rc_local.out.find("error[EMG604]") == std::string::npos);
  CHECK(no_rc_local.out.find("EMG601, EMG602") != std::string::npos);
  CHECK(no_rc_local.out.find("(needs an rc.local") != std::string::npos);

  const RunResult quiet = run_emglint({"check", "-q", "--phase", "prepare", "--no-rc-local", "emg"});
  CHECK(quiet.out.find("emg: phase prepare (as requested: --phase prepare)\n") != std::string::npos);
  CHECK(quiet.out.find("not run:") == std::string::npos);
}

TEST_CASE("a repository of 300 configs gives exactly its 3 deviations, the same bytes with -j 1 and -j 2") {
  TemporaryDirectory work;
  for (int site = 0; site < 300; ++site) {
    std::string config = small_config;
    if (site == 17) config += "CONNECTOR smpp-out <\nDLR_TO_SAME_IP\n>\n";
    if (site == 150) config = "CONNECTOR smpp-in <\nINSTANCES=20\n>\n";
    if (site == 299) config += "DB emgdb <\nADDRESS=emg:Very$ecret1@db:3306/emg\n>\n";
    write_file(work.path() / fmt::format("site{:03}", site) / "server.cfg", config);
  }
  const std::string repository = work.path().string();
  for (const char* format : {"text", "json"}) {
    const RunResult one = run_emglint({"check", "-j", "1", "--phase", "prepare", "--format", format, repository});
    const RunResult two =
        run_emglint({"check", "-j", "2", "--phase", "prepare", "--format", format, repository},
                    {.stderr_is_terminal = true});
    INFO(format);
    CHECK(one.out == two.out);
    CHECK(one.exit_code == 1);
    CHECK(one.out.find("Very$ecret1") == std::string::npos);
    if (std::string(format) == "text") {
      CHECK(one.out.find("site017/server.cfg:6:1: error[EMG201]") != std::string::npos);
      CHECK(one.out.find("site150/server.cfg:1:1: error[EMG101]") != std::string::npos);
      CHECK(one.out.find("site299/server.cfg:6:1: error[EMG703]") != std::string::npos);
      CHECK(one.out.find("3 errors, 0 warnings") != std::string::npos);
      // The progress line goes to a terminal's standard error only, and is wiped at the end.
      CHECK(one.err.empty());
      CHECK(two.err.find("checked 300 of 300") != std::string::npos);
    }
  }
}
