#include <catch2/catch.hpp>

#include <optional>

#include "analysis/rc_local_analysis.h"
#include "parser/rc_local.h"

using emglint::rclocal::parse_rc_local;
using emglint::rclocal::ulimit_open_files;

namespace {

std::string joined(const emglint::rclocal::ShellCommand& command) {
  std::string text;
  for (const auto& word : command.words) text += (text.empty() ? "" : " ") + word;
  return text;
}

}  // namespace

TEST_CASE("the rc.local grammar cannot loop") { CHECK(emglint::rclocal::analyze_rc_local_grammar() == 0); }

TEST_CASE("rc.local: commands with their lines and what they run under") {
  const auto model = parse_rc_local(
      "#!/bin/sh -e\n"
      "# comment ulimit -n 1\n"
      "ulimit -n 8192 # raise\n"
      "(ulimit -n 100; echo x)\n"
      "if [ -x /usr/bin/foo ]; then\n"
      "  exit 1\n"
      "fi\n"
      "test -f /x && exit 2\n"
      "su - emg -c 'cd /home/emg/etc && ulimit -n 4096 && perl emg_watchdog.pl &'\n"
      "echo \"a;b\" 'c d'\\ e\r\n"
      "exit 0");
  CHECK(model.has_shebang);
  REQUIRE(model.lines.size() == 11);
  std::vector<std::string> commands;
  for (const auto& command : model.commands) commands.push_back(joined(command));
  CHECK(commands == std::vector<std::string>{"ulimit -n 8192", "ulimit -n 100", "echo x", "[ -x /usr/bin/foo ]",
                                             "exit 1", "test -f /x", "exit 2",
                                             "su - emg -c cd /home/emg/etc && ulimit -n 4096 && perl emg_watchdog.pl &",
                                             "cd /home/emg/etc", "ulimit -n 4096", "perl emg_watchdog.pl",
                                             "echo a;b c d e", "exit 0"});
  const auto& c = model.commands;
  CHECK(c[0].line == 3);
  CHECK_FALSE(c[0].in_subshell);
  CHECK(c[1].in_subshell);
  CHECK(c[1].line == 4);
  CHECK(c[1].column == 2);
  CHECK(c[4].conditional);  // exit 1 inside if
  CHECK_FALSE(c[5].conditional);
  CHECK(c[6].conditional);  // after &&
  CHECK_FALSE(c[7].in_su);
  CHECK(c[9].in_su);
  CHECK(c[9].su_login);
  CHECK(c[9].line == 9);
  CHECK(c[10].background);
  CHECK_FALSE(c[12].conditional);
  CHECK(c[12].line == 11);
}

TEST_CASE("rc.local: ulimit forms") {
  const auto model = parse_rc_local("ulimit -n 4096\nulimit -Sn 1024\nulimit -HSn unlimited\nulimit -n\nulimit -c 0\nulimit -n4000\n");
  REQUIRE(model.commands.size() == 6);
  CHECK(ulimit_open_files(model.commands[0])->limit == 4096);
  CHECK(ulimit_open_files(model.commands[1])->limit == 1024);
  CHECK(ulimit_open_files(model.commands[2])->limit == -1);
  CHECK_FALSE(ulimit_open_files(model.commands[3]).has_value());
  CHECK_FALSE(ulimit_open_files(model.commands[4]).has_value());
  CHECK(ulimit_open_files(model.commands[5])->limit == 4000);
}

TEST_CASE("rc.local: a ulimit value set through a variable is resolved from plain assignments before it") {
  struct Case {
    std::string script;
    std::optional<long long> limit;  // of the first `ulimit -n`
  };
  const std::vector<Case> cases = {
      {"NOFILE=4096\nulimit -n $NOFILE\nemg_watchdog &\n", 4096},
      {"export NOFILE=8192\nulimit -n ${NOFILE}\nemg_watchdog &\n", 8192},
      {"N=1024\nN=2048\nulimit -Sn $N\nemg_watchdog &\n", 2048},
      {"ulimit -n $NOFILE\nNOFILE=4096\nemg_watchdog &\n", std::nullopt},                  // assigned too late
      {"[ -f x ] && NOFILE=4096\nulimit -n $NOFILE\nemg_watchdog &\n", std::nullopt},      // only on one path
      {"NOFILE=$(cat /etc/nofile)\nulimit -n $NOFILE\nemg_watchdog &\n", std::nullopt},  // known only at boot
      {"L=unlimited\nulimit -n $L\nemg_watchdog &\n", -1},
  };
  for (const Case& test : cases) {
    INFO(test.script);
    const auto analysis = emglint::analysis::analyze_rc_local(parse_rc_local(test.script), "emg_watchdog");
    REQUIRE(analysis.ulimits.size() == 1);  // set, whether or not its value can be read
    REQUIRE(analysis.applied_value() != nullptr);
    CHECK(analysis.applied_value()->limit == test.limit);
  }
}

TEST_CASE("rc.local: functions and garbage never break the parse") {
  const auto model = parse_rc_local("start() {\n  exit 3\n}\nexit 0\n'unterminated \\\n\x01\x02 ( ) ))\n");
  REQUIRE(model.commands.size() >= 2);
  CHECK(model.commands[0].conditional);  // inside a function
  CHECK(joined(model.commands[1]) == "exit 0");
  CHECK_FALSE(model.commands[1].conditional);
}
