// Bounded cost per file: what odd inputs (huge lines, deep nesting, thousands
// of suppressions) may cost, checked by what is kept and by a count of the
// work done as an input doubles, never by time.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "analysis/general_log.h"
#include "check/check.h"
#include "cli/project_settings.h"
#include "inspect/file_reader.h"
#include "inspect/installation.h"
#include "parser/rc_local.h"
#include "report/work_counter.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

// The steps counted while `work` runs on an input of size n.
std::uint64_t work_for(std::size_t n, const std::function<void(std::size_t)>& work) {
  report::work_steps = 0;
  work(n);
  return report::work_steps;
}

// Doubling the input at most about doubles the work: nothing quadratic.
void check_linear(const std::function<void(std::size_t)>& work, std::size_t n) {
  const std::uint64_t single = work_for(n, work);
  const std::uint64_t doubled = work_for(2 * n, work);
  INFO("work for N: " << single << ", for 2N: " << doubled);
  REQUIRE(single > 0);
  CHECK(static_cast<double>(doubled) <= 2.2 * static_cast<double>(single));
}

void check_config(const std::string& text) {
  check::CheckOptions options;
  options.settings.max_findings = 0;
  const auto report = check::check_target(check::config_input("server.cfg", text), options, report::Phase::prepare);
  CHECK_FALSE(report.findings.empty());
}

}  // namespace

TEST_CASE("rc.local: subshells nested past the bound are counted, not told apart, and the line noted") {
  const std::size_t deep = rclocal::max_followed_nesting + 10;
  const auto model = rclocal::parse_rc_local("#!/bin/sh\n" + std::string(deep, '(') + "ulimit -n 4096" +
                                             std::string(deep, ')') + "\nemg_watchdog &\n");
  REQUIRE(model.commands.size() == 2);
  CHECK(model.commands[0].subshells.size() == rclocal::max_followed_nesting);
  CHECK(model.commands[0].in_subshell);
  CHECK(model.commands[1].subshells.empty());  // every `)` closed what its `(` opened
  CHECK(model.nesting_beyond_bound == 2);

  const auto shallow = rclocal::parse_rc_local("(((ulimit -n 4096)))\n");
  CHECK_FALSE(shallow.nesting_beyond_bound);
}

TEST_CASE("rc.local: four million `(` are read without a token list or a chain per level") {
  std::string script(4'000'000, '(');
  script += "\n(\necho x\n";
  const auto model = rclocal::parse_rc_local(std::move(script));
  CHECK(model.nesting_beyond_bound == 1);
  REQUIRE(model.commands.size() == 1);
  CHECK(model.commands[0].subshells.size() == rclocal::max_followed_nesting);
}

TEST_CASE("rc.local: the work on a line of `!` words grows with its length, not its square") {
  check_linear(
      [](std::size_t words) {
        std::string line = "#!/bin/sh\n";
        for (std::size_t i = 0; i < words; ++i) line += "! ";
        const auto model = rclocal::parse_rc_local(line + "ulimit -n 4096\n");
        CHECK(model.commands.size() == 1);
      },
      20'000);
}

TEST_CASE("a line without a newline is passed cut, never held whole") {
  TemporaryDirectory work;
  const fs::path file = work.path() / "general";
  write_file(file, "first\n" + std::string(3 * inspect::max_line_bytes, 'x') + "\nlast\n" +
                       std::string(2 * inspect::max_line_bytes, 'y'));
  std::vector<std::size_t> sizes;
  std::vector<char> firsts;
  REQUIRE_FALSE(inspect::for_each_line(file.string(), [&](std::string_view line) {
    sizes.push_back(line.size());
    firsts.push_back(line.empty() ? '\0' : line.front());
  }));
  CHECK(sizes == std::vector<std::size_t>{5, inspect::max_line_bytes, 4, inspect::max_line_bytes});
  CHECK(firsts == std::vector<char>{'f', 'x', 'l', 'y'});

  std::vector<std::string> cut;
  REQUIRE_FALSE(inspect::for_each_line(
      file.string(), [&](std::string_view line) { cut.emplace_back(line); }, 3));
  CHECK(cut == std::vector<std::string>{"fir", "xxx", "las", "yyy"});
}

TEST_CASE("the log keeps its last start-up lines and what follows, whatever its lines' length") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  write_file(root / "server.cfg", "BACKEND=TC\n");
  const std::string huge(3 * inspect::max_line_bytes, 'z');
  write_file(root / "log" / "general", "Nov 24 09:12:01 INFO emgd 7.2.1-50001 starting\n" + huge +
                                           "\nNov 25 10:00:00 INFO emgd 7.1.3-48765 starting\nERROR one\n" + huge +
                                           " ERROR\n" + huge);
  const auto installation = inspect::inspect_installation(
      root.string(), {.scan_processes = false, .classify_log_line = analysis::classify_log_line});
  REQUIRE(installation.general_log);
  const auto& log = *installation.general_log;
  REQUIRE(log.last_start);
  CHECK(log.last_start->line == 3);
  REQUIRE(log.last_7_2_start);
  CHECK(log.last_7_2_start->line == 1);
  REQUIRE(log.problems_since_start.size() == 1);  // the ERROR past the cut is not seen
  CHECK(log.problems_since_start[0].line == 4);
  CHECK(log.problems_since_start[0].text == "ERROR one");
}

TEST_CASE("inline suppressions cost the same per finding, however many there are") {
  SECTION("ignore") {
    check_linear(
        [](std::size_t pairs) {
          std::string text = "BACKEND=TC\n";
          for (std::size_t i = 0; i < pairs; ++i) text += "# emglint: ignore EMG008\nloglevel=INFO\n";
          check_config(text + "DLR_TO_SAME_IP\n");
        },
        2000);
  }
  SECTION("ignore-file") {
    check_linear(
        [](std::size_t pairs) {
          std::string text = "BACKEND=TC\n";
          for (std::size_t i = 0; i < pairs; ++i) text += "# emglint: ignore-file EMG008\nloglevel=INFO\n";
          check_config(text + "DLR_TO_SAME_IP\n");
        },
        2000);
  }
  SECTION("a run of ignore comments before one line") {
    check_linear(
        [](std::size_t comments) {
          std::string text = "BACKEND=TC\n";
          for (std::size_t i = 0; i < comments; ++i) text += "# emglint: ignore EMG008\n\n";
          check_config(text + "loglevel=INFO\nDLR_TO_SAME_IP\n");
        },
        2000);
  }
}

TEST_CASE("inline suppressions still silence what they name, and EMG010 reports the rest") {
  check::CheckOptions options;
  const std::string text =
      "BACKEND=TC\n"
      "# emglint: ignore emg00 -- a prefix, any case\n"
      "\n"
      "# emglint: ignore EMG008\n"
      "loglevel=INFO\n"
      "# emglint: ignore-file EMG003\n"
      "# emglint: ignore EMG004\n"
      "ROTATELOGS=1M:2\n";
  const auto report = check::check_target(check::config_input("server.cfg", text), options, report::Phase::prepare);
  std::vector<std::string> shown;
  for (const auto& finding : report.findings) {
    shown.push_back(fmt::format("{}:{}:{}", finding.rule->id, finding.span ? finding.span->line : 0,
                                finding.suppression ? finding.suppression->reason : "-"));
  }
  INFO(fmt::format("{}", fmt::join(shown, "\n")));
  // The first of the two that silence line 5 gives the reason.
  CHECK(std::find(shown.begin(), shown.end(), "EMG008:5:a prefix, any case") != shown.end());
  // Line 4 silences line 5 as well: it is used, though line 2 gave the reason.
  CHECK(std::find(shown.begin(), shown.end(), "EMG010:4:-") == shown.end());
  CHECK(std::find(shown.begin(), shown.end(), "EMG010:6:-") != shown.end());
  CHECK(std::find(shown.begin(), shown.end(), "EMG010:7:-") != shown.end());
  CHECK(std::find(shown.begin(), shown.end(), "EMG010:2:-") == shown.end());
}

TEST_CASE("file sizes as --max-file-size and max-file-size read them") {
  using cli::parse_file_size;
  CHECK(parse_file_size("1") == 1u);
  CHECK(parse_file_size("4096") == 4096u);
  CHECK(parse_file_size("1K") == 1024u);
  CHECK(parse_file_size("2k") == 2048u);
  CHECK(parse_file_size("256M") == 256u << 20);
  CHECK(parse_file_size("256MiB") == 256u << 20);
  CHECK(parse_file_size("1G") == std::size_t{1} << 30);
  CHECK(parse_file_size("1024G") == std::size_t{1} << 40);
  CHECK_FALSE(parse_file_size("1025G"));
  CHECK_FALSE(parse_file_size("0"));
  CHECK_FALSE(parse_file_size(""));
  CHECK_FALSE(parse_file_size("M"));
  CHECK_FALSE(parse_file_size("-1"));
  CHECK_FALSE(parse_file_size("1.5M"));
  CHECK_FALSE(parse_file_size("12T"));
  CHECK_FALSE(parse_file_size("99999999999999999999"));
}

TEST_CASE("a file above --max-file-size is exit code 2 with a message, from the command line or the settings file") {
  TemporaryDirectory work;
  const fs::path config = work.path() / "server.cfg";
  write_file(config, "BACKEND=TC\n" + std::string(3000, '#') + "\n");

  const auto refused = run_emglint({"check", "--max-file-size", "2K", config.string()});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("too large") && Catch::Contains("more than the 2048 bytes") &&
                              Catch::Contains("--max-file-size"));
  CHECK(run_emglint({"check", "--max-file-size", "4K", config.string()}).exit_code != 2);

  const auto bad = run_emglint({"check", "--max-file-size", "lots", config.string()});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("--max-file-size"));

  write_file(work.path() / ".emglint.toml", "max-file-size = \"2K\"\n");
  const auto from_file = run_emglint({"check", config.string()});
  CHECK(from_file.exit_code == 2);
  CHECK_THAT(from_file.err, Catch::Contains("too large"));
  CHECK(run_emglint({"check", "--max-file-size", "1M", config.string()}).exit_code != 2);
  const auto shown = run_emglint({"check", "--show-settings", config.string()});
  CHECK_THAT(shown.out, Catch::Contains("max-file-size") && Catch::Contains("2048 bytes"));

  write_file(work.path() / ".emglint.toml", "max-file-size = \"a lot\"\n");
  const auto wrong = run_emglint({"check", config.string()});
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Catch::Contains(":1:") && Catch::Contains("max-file-size"));
}
