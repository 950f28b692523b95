#include <catch2/catch.hpp>

#include <optional>

#include "analysis/open_files.h"
#include "analysis/rc_local_analysis.h"
#include "inspect/rc_local_facts.h"
#include "parser/rc_local.h"
#include "test_support.h"

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
  CHECK_FALSE(ulimit_open_files(model.commands[2])->limit.has_value());
  CHECK(ulimit_open_files(model.commands[2])->resolved == "unlimited");
  CHECK_FALSE(ulimit_open_files(model.commands[3]).has_value());
  CHECK_FALSE(ulimit_open_files(model.commands[4]).has_value());
  CHECK(ulimit_open_files(model.commands[5])->limit == 4000);
}

TEST_CASE("rc.local: which limits a ulimit sets, as bash and dash read -H and -S") {
  using emglint::rclocal::ShellDialect;
  struct Case {
    std::string command;
    ShellDialect dialect;
    bool soft;
    bool hard;
    std::string word;
  };
  const std::vector<Case> cases = {
      {"ulimit -n 4096", ShellDialect::dash, true, true, "4096"},
      {"ulimit -Sn 4096", ShellDialect::dash, true, false, "4096"},
      {"ulimit -Hn 8192", ShellDialect::dash, false, true, "8192"},
      {"ulimit -Hn 8192", ShellDialect::bash, false, true, "8192"},
      // dash keeps the last of -H and -S; bash sets both.
      {"ulimit -SHn 8192", ShellDialect::dash, false, true, "8192"},
      {"ulimit -HSn 8192", ShellDialect::dash, true, false, "8192"},
      {"ulimit -SHn 8192", ShellDialect::bash, true, true, "8192"},
      {"ulimit -H -S -n 8192", ShellDialect::dash, true, false, "8192"},
      {"ulimit -S -H -n 8192", ShellDialect::bash, true, true, "8192"},
      // Options after the value still count, and one may stand between -n and its value.
      {"ulimit -n 8192 -H", ShellDialect::bash, false, true, "8192"},
      {"ulimit -n -H 8192", ShellDialect::dash, false, true, "8192"},
      {"ulimit -c 0 -Hn4096", ShellDialect::bash, false, true, "4096"},
      {"ulimit -n -- 4096", ShellDialect::dash, true, true, "4096"},
      {"ulimit -n -1", ShellDialect::dash, true, true, "-1"},
  };
  for (const Case& test : cases) {
    INFO(test.command << (test.dialect == ShellDialect::bash ? " (bash)" : " (dash)"));
    const auto model = parse_rc_local(test.command + "\n");
    REQUIRE(model.commands.size() == 1);
    const auto value = ulimit_open_files(model.commands[0], {}, test.dialect);
    REQUIRE(value.has_value());
    CHECK(value->soft == test.soft);
    CHECK(value->hard == test.hard);
    CHECK(value->word == test.word);
  }
}

TEST_CASE("rc.local: the shebang names the shell, and bash's reading applies outside su only") {
  using emglint::rclocal::ShellDialect;
  const auto dialect = [](const std::string& script, std::size_t command) {
    const auto model = parse_rc_local(script);
    return emglint::rclocal::dialect_of(model, model.commands.at(command));
  };
  CHECK(parse_rc_local("#!/bin/sh -e\nexit 0\n").interpreter == "sh");
  CHECK(parse_rc_local("#! /usr/bin/env -S bash -e\nexit 0\n").interpreter == "bash");
  CHECK(parse_rc_local("exit 0\n").interpreter.empty());
  CHECK(dialect("#!/bin/bash\nulimit -n 4096\n", 0) == ShellDialect::bash);
  CHECK(dialect("#!/bin/sh -e\nulimit -n 4096\n", 0) == ShellDialect::dash);
  CHECK(dialect("ulimit -n 4096\n", 0) == ShellDialect::dash);
  // `su -c` runs the user's shell, whatever runs rc.local.
  CHECK(dialect("#!/bin/bash\nsu emg -c 'ulimit -SHn 4096'\n", 1) == ShellDialect::dash);
}

TEST_CASE("rc.local: a ulimit that sets only the hard limit is never the one applied") {
  const auto analysis = emglint::analysis::analyze_rc_local(
      parse_rc_local("#!/bin/sh -e\nulimit -Sn 2048\nulimit -Hn 65536\nemg_watchdog &\n"), "emg_watchdog");
  REQUIRE(analysis.ulimits.size() == 2);
  CHECK(analysis.ulimits[1].miss == emglint::analysis::RcLocalUlimit::Miss::hard_only);
  REQUIRE(analysis.applied() != nullptr);
  CHECK(analysis.applied()->value.limit == 2048);
  const auto hard_only = emglint::analysis::analyze_rc_local(
      parse_rc_local("#!/bin/sh -e\nulimit -SHn 65536\nemg_watchdog &\n"), "emg_watchdog");
  CHECK_FALSE(hard_only.applied_ulimit.has_value());
}

TEST_CASE("rc.local: which subshell, pipeline or background process a command runs in") {
  const auto model = parse_rc_local(
      "(ulimit -n 1; (echo a))\n"
      "(\n"
      "  ulimit -n 2 | tee x\n"
      "  su emg -c '(ulimit -n 3); emg_watchdog &'\n"
      ")\n"
      "ulimit -n 4 &\n");
  std::vector<std::string> commands;
  for (const auto& command : model.commands) commands.push_back(joined(command));
  REQUIRE(commands == std::vector<std::string>{"ulimit -n 1", "echo a", "ulimit -n 2", "tee x",
                                               "su emg -c (ulimit -n 3); emg_watchdog &", "ulimit -n 3", "emg_watchdog",
                                               "ulimit -n 4"});
  const auto& c = model.commands;
  using Subshells = std::vector<std::size_t>;
  CHECK(c[0].subshells == Subshells{1});
  CHECK(c[1].subshells == Subshells{1, 2});
  CHECK(c[2].subshells == Subshells{3});
  CHECK(c[2].piped);
  CHECK(c[3].piped);
  CHECK_FALSE(c[4].piped);
  CHECK(c[5].subshells == Subshells{3, 4});  // inside su, numbered on
  CHECK(c[6].subshells == Subshells{3});
  CHECK(c[7].subshells.empty());
  CHECK(c[7].background);

  using Miss = emglint::analysis::RcLocalUlimit::Miss;
  const auto analysis = emglint::analysis::analyze_rc_local(model, "emg_watchdog");
  REQUIRE(analysis.ulimits.size() == 4);
  CHECK(analysis.ulimits[0].miss == Miss::subshell);
  CHECK(analysis.ulimits[1].miss == Miss::pipeline);
  CHECK(analysis.ulimits[2].miss == Miss::subshell);  // its own subshell inside the watchdog's su
  CHECK(analysis.ulimits[3].miss == Miss::background);
  CHECK_FALSE(analysis.applied_ulimit.has_value());

  // The watchdog inside the ulimit's own subshell, or its own su, gets the limit.
  const auto shared = emglint::analysis::analyze_rc_local(
      parse_rc_local("(ulimit -n 4096; emg_watchdog &)\nsu emg -c 'ulimit -n 8192; emg_watchdog &'\n"), "emg_watchdog");
  REQUIRE(shared.ulimits.size() == 2);
  CHECK(shared.ulimits[0].miss == Miss::none);
  CHECK(shared.applied()->value.limit == 4096);
  const auto other_su = emglint::analysis::analyze_rc_local(
      parse_rc_local("su emg -c 'ulimit -n 4096'\nsu emg -c 'emg_watchdog &'\n"), "emg_watchdog");
  REQUIRE(other_su.ulimits.size() == 1);
  CHECK(other_su.ulimits[0].miss == Miss::other_su);
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
      {"ulimit -n $NOFILE\nNOFILE=4096\nemg_watchdog &\n", std::nullopt},                // assigned too late
      {"[ -f x ] && NOFILE=4096\nulimit -n $NOFILE\nemg_watchdog &\n", std::nullopt},    // only on one path
      {"NOFILE=$(cat /etc/nofile)\nulimit -n $NOFILE\nemg_watchdog &\n", std::nullopt},  // known only at boot
      {"L=unlimited\nulimit -n $L\nemg_watchdog &\n", std::nullopt},  // not a number, if a known value
  };
  for (const Case& test : cases) {
    INFO(test.script);
    const auto analysis = emglint::analysis::analyze_rc_local(parse_rc_local(test.script), "emg_watchdog");
    REQUIRE(analysis.ulimits.size() == 1);  // set, whether or not its value can be read
    REQUIRE(analysis.applied() != nullptr);
    CHECK(analysis.applied()->value.limit == test.limit);
  }
}

TEST_CASE("rc.local: which ulimit values the kernel or the shell refuses, judged against fs.nr_open") {
  using Value = emglint::analysis::RcLocalUlimit::Value;
  struct Case {
    std::string script;
    Value kind;
  };
  const std::vector<Case> cases = {
      {"ulimit -n 4096\n", Value::number},
      {"ulimit -n 04096\n", Value::number},
      {"ulimit -n 65536\n", Value::number},  // as high as fs.nr_open is allowed
      {"ulimit -n 65537\n", Value::above_nr_open},
      {"ulimit -n 99999999999999999999999\n", Value::above_nr_open},
      {"ulimit -n unlimited\n", Value::unlimited},
      {"ulimit -Hn unlimited\n", Value::unlimited},
      {"L=unlimited\nulimit -n $L\n", Value::unlimited},
      {"ulimit -n 4k\n", Value::not_a_number},
      {"ulimit -n -1\n", Value::not_a_number},
      {"ulimit -n +4096\n", Value::not_a_number},
      {"ulimit -n hard\n", Value::not_a_number},          // dash has no `hard`
      {"#!/bin/bash\nulimit -n hard\n", Value::unknown},  // bash's limit in force
      {"ulimit -n $NOFILE\n", Value::unknown},
  };
  for (const Case& test : cases) {
    INFO(test.script);
    const auto analysis = emglint::analysis::analyze_rc_local(parse_rc_local(test.script), "emg_watchdog",
                                                              {.value = 65536, .source = "--nr-open"});
    REQUIRE(analysis.ulimits.size() == 1);
    CHECK(analysis.ulimits[0].kind == test.kind);
  }
}

TEST_CASE("rc.local: a refused ulimit stops the script before the watchdog only where -e is in force") {
  struct Case {
    std::string script;
    bool stops;
  };
  const std::vector<Case> cases = {
      {"#!/bin/sh -e\nulimit -n unlimited\nemg_watchdog &\n", true},
      {"#!/bin/sh\nulimit -n unlimited\nemg_watchdog &\n", false},
      {"#!/bin/sh\nset -eu\nulimit -n unlimited\nemg_watchdog &\n", true},
      {"#!/bin/sh -e\nset +o errexit\nulimit -n unlimited\nemg_watchdog &\n", false},
      {"#!/bin/sh -e\nulimit -n unlimited || true\nemg_watchdog &\n", false},
      {"#!/bin/sh -e\n(ulimit -n unlimited)\nemg_watchdog &\n", true},  // the subshell fails, and so the script
      {"#!/bin/sh -e\nsu emg -c 'ulimit -n unlimited'\nemg_watchdog &\n", false},
      {"#!/bin/sh -e\nemg_watchdog &\nulimit -n unlimited\n", false},  // the watchdog already runs
      {"#!/bin/sh -e\nulimit -n 4096\nemg_watchdog &\n", false},
  };
  for (const Case& test : cases) {
    INFO(test.script);
    const auto model = parse_rc_local(test.script);
    const auto analysis = emglint::analysis::analyze_rc_local(model, "emg_watchdog");
    REQUIRE(analysis.ulimits.size() == 1);
    CHECK(analysis.ulimits[0].stops_script == test.stops);
  }
}

TEST_CASE("rc.local: only a ulimit the watchdog gets, with a value the kernel takes, is an open-files source") {
  const auto sources = [](const std::string& script) {
    emglint::inspect::RcLocalFacts facts;
    facts.path = "/etc/rc.local";
    facts.exists = true;
    facts.model = parse_rc_local(script);
    const auto analysis = emglint::analysis::analyze_rc_local(facts.model, "emg_watchdog");
    return emglint::analysis::open_files_limits({}, nullptr, &facts, &analysis);
  };
  const auto numbered = sources("#!/bin/sh -e\nulimit -n 8192\nemg_watchdog &\n");
  REQUIRE(numbered.size() == 1);
  CHECK(numbered[0].limit == 8192);
  CHECK(numbered[0].where == "/etc/rc.local:2");
  CHECK(sources("#!/bin/sh -e\nulimit -n unlimited\nemg_watchdog &\n").empty());
  CHECK(sources("#!/bin/sh -e\nulimit -n 2000000\nemg_watchdog &\n").empty());
  CHECK(sources("#!/bin/sh -e\nulimit -Hn 8192\nemg_watchdog &\n").empty());
  CHECK(sources("#!/bin/sh -e\n(ulimit -n 8192)\nemg_watchdog &\n").empty());
  const auto unknown = sources("#!/bin/sh -e\nulimit -n $NOFILE\nemg_watchdog &\n");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].unresolved == "$NOFILE");
}

TEST_CASE("rc.local: fs.nr_open is read from its /proc file, and nothing else is taken for it") {
  emglint::testing::TemporaryDirectory dir;
  const auto nr_open = [&](const std::string& content) {
    emglint::testing::write_file(dir.path() / "nr_open", content);
    return emglint::inspect::read_nr_open((dir.path() / "nr_open").string());
  };
  CHECK(nr_open("1073741816\n") == 1073741816);
  CHECK(nr_open("1048576") == 1048576);
  CHECK_FALSE(nr_open("lots\n").has_value());
  CHECK_FALSE(nr_open("").has_value());
  CHECK_FALSE(emglint::inspect::read_nr_open((dir.path() / "missing").string()).has_value());
}

TEST_CASE("rc.local: functions and garbage never break the parse") {
  const auto model = parse_rc_local("start() {\n  exit 3\n}\nexit 0\n'unterminated \\\n\x01\x02 ( ) ))\n");
  REQUIRE(model.commands.size() >= 2);
  CHECK(model.commands[0].conditional);  // inside a function
  CHECK(joined(model.commands[1]) == "exit 0");
  CHECK_FALSE(model.commands[1].conditional);
}
