// `--fix` killed at any step leaves every file wholly original or wholly
// fixed, and a backup, where there is one, whole. The program kills itself at
// its N-th write step (EMGLINT_TEST_KILL_AT_STEP), for every N in turn.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "corpus_case.h"
#include "test_support.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

std::string large_config() {
  std::string config = "# a large site\n";
  for (int i = 0; i < 500; ++i) {
    config += "CONNECTOR smpp-" + std::to_string(i) + " <\nPROTOCOL=SMPP\nINSTANCES=1\n>\n";
  }
  return config;
}

std::string large_rc_local() {
  std::string script = "#!/bin/sh -e\n";
  for (int i = 0; i < 500; ++i) script += "# maintenance note " + std::to_string(i) + "\n";
  return script + "su emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\nexit 0\n";
}

// Starts emglint with `words` in `directory`, its environment extended by `extra`; the pid.
pid_t spawn_emglint(const fs::path& directory, const std::vector<std::string>& arguments,
                    const std::vector<std::string>& extra) {
  std::vector<std::string> words = {EMGLINT_BINARY};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) environment.emplace_back(*variable);
  environment.insert(environment.end(), extra.begin(), extra.end());
  std::vector<char*> envp;
  for (auto& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int result = ::posix_spawn(&pid, EMGLINT_BINARY, &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(result == 0);
  return pid;
}

// Starts `emglint check --fix` in `directory`, to kill itself at its
// `kill_at`-th step unless that is 0; the pid.
pid_t start_fix(const fs::path& directory, int kill_at) {
  std::vector<std::string> extra;
  if (kill_at > 0) extra.push_back("EMGLINT_TEST_KILL_AT_STEP=" + std::to_string(kill_at));
  return spawn_emglint(directory,
                       {"check", "--fix", "--phase", "prepare", "--rc-local", "rc.local", "--select", "EMG101,EMG601",
                        "server.cfg"},
                       extra);
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

void set_up(const fs::path& directory, const std::string& config, const std::string& rc_local) {
  write_file(directory / "server.cfg", config);
  write_file(directory / "rc.local", rc_local);
  fs::permissions(directory / "rc.local", fs::perms::owner_exec, fs::perm_options::add);
}

}  // namespace

TEST_CASE("a --fix killed at any step leaves each file wholly original or wholly fixed, and its backup whole") {
  const std::string config = large_config();
  const std::string rc_local = large_rc_local();

  // The result of an uninterrupted run.
  TemporaryDirectory reference;
  set_up(reference.path(), config, rc_local);
  const int status = wait_for(start_fix(reference.path(), 0));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const std::string fixed_config = read_file(reference.path() / "server.cfg");
  const std::string fixed_rc_local = read_file(reference.path() / "rc.local");
  REQUIRE(fixed_config != config);
  REQUIRE(fixed_rc_local != rc_local);

  // Killed at step 1, 2, ... until a run has fewer steps than that and ends on its own.
  constexpr int most_steps = 100;
  int original = 0;
  int fixed = 0;
  int mixed = 0;
  bool finished = false;
  for (int kill_at = 1; kill_at <= most_steps && !finished; ++kill_at) {
    TemporaryDirectory work;
    set_up(work.path(), config, rc_local);
    const int killed_status = wait_for(start_fix(work.path(), kill_at));
    finished = !WIFSIGNALED(killed_status);
    if (finished) {
      // Every step was passed: the run is whole.
      REQUIRE(WIFEXITED(killed_status));
      CHECK(WEXITSTATUS(killed_status) == 0);
    } else {
      REQUIRE(WTERMSIG(killed_status) == SIGKILL);
    }

    const std::string config_now = read_file(work.path() / "server.cfg");
    const std::string rc_local_now = read_file(work.path() / "rc.local");
    INFO((finished ? "not killed, with the kill at step " : "killed at step ") << kill_at);
    CHECK((config_now == config || config_now == fixed_config));
    CHECK((rc_local_now == rc_local || rc_local_now == fixed_rc_local));
    for (const auto& [name, content] : {std::pair{"server.cfg", config}, std::pair{"rc.local", rc_local}}) {
      const fs::path backup = work.path() / (std::string(name) + ".emglint-bak");
      if (fs::exists(backup)) CHECK(read_file(backup) == content);
      // A file is replaced only once its original is kept.
      if (read_file(work.path() / name) != content) CHECK(fs::exists(backup));
    }
    const bool config_done = config_now == fixed_config;
    const bool rc_local_done = rc_local_now == fixed_rc_local;
    if (config_done && rc_local_done) {
      ++fixed;
    } else if (!config_done && !rc_local_done) {
      ++original;
    } else {
      ++mixed;
    }
  }
  REQUIRE(finished);
  // The kills fell before, between and after the writes.
  INFO(original << " original, " << mixed << " mixed, " << fixed << " fixed");
  CHECK(original > 0);
  CHECK(mixed > 0);
  CHECK(fixed > 1);
}

namespace {

// An installation whose emgd is a plain copy of its 7.1 file (EMG401 relinks
// it, a safe fix) and whose server.cfg lacks the BACKEND line (EMG101 adds it).
void set_up_installation(const fs::path& emg) {
  fs::create_directories(emg / "bin");
  fs::create_directories(emg / "log");
  fs::create_directories(emg / "spool");
  write_file(emg / "server.cfg", "CONNECTOR smpp-in <\nINSTANCES=4\n>\n");
  for (const std::string tool : {"emgclient", "emgd", "emgload", "emgpdu", "emgsend", "emgsink", "emgstat"}) {
    for (const std::string version : {"7.1.3-48765", "7.2.0-50785"}) {
      write_file(emg / "bin" / (tool + "-" + version), "#!/bin/sh\necho " + tool + " " + version + "\n");
    }
    if (tool != "emgd") fs::create_symlink(tool + "-7.2.0-50785", emg / "bin" / tool);
  }
  fs::copy_file(emg / "bin" / "emgd-7.1.3-48765", emg / "bin" / "emgd");
}

// Runs `--fix` on the installation and calls `meanwhile` once the plan is made,
// while the process waits before its first write; the exit status.
int fix_with_change_before_writing(const fs::path& work, std::vector<std::string> select,
                                   const std::function<void()>& meanwhile) {
  const fs::path log = work / "steps.log";
  std::vector<std::string> words = {"check", "--fix", "--offline", "--no-rc-local", "--phase", "start", "--select"};
  words.insert(words.end(), select.begin(), select.end());
  words.push_back("emg");
  const pid_t pid = spawn_emglint(work, words, {"EMGLINT_TEST_STEP_PAUSE_MS=300", "EMGLINT_TEST_STEP_LOG=" + log.string()});
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(log) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(fs::exists(log));
  meanwhile();
  const int status = wait_for(pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("a directory of the target swapped for a link after the plan is made: nothing is written outside") {
  TemporaryDirectory work;
  set_up_installation(work.path() / "emg");
  fs::create_directories(work.path() / "elsewhere");
  fs::copy(work.path() / "emg" / "bin", work.path() / "elsewhere", fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  const std::string outside_before = tree_listing(work.path() / "elsewhere");
  const int exit_code = fix_with_change_before_writing(work.path(), {"EMG401"}, [&] {
    fs::rename(work.path() / "emg" / "bin", work.path() / "emg" / "bin.moved");
    fs::create_symlink("../elsewhere", work.path() / "emg" / "bin");
  });
  CHECK(exit_code == 2);
  CHECK(tree_listing(work.path() / "elsewhere") == outside_before);
  CHECK(fs::is_regular_file(fs::symlink_status(work.path() / "emg" / "bin.moved" / "emgd")));
}

TEST_CASE("a server.cfg.emglint-bak link planted after the plan is made is never written through") {
  TemporaryDirectory work;
  set_up_installation(work.path() / "emg");
  fs::create_directories(work.path() / "outside");
  const std::string config_before = read_file(work.path() / "emg" / "server.cfg");
  const int exit_code = fix_with_change_before_writing(work.path(), {"EMG101"}, [&] {
    fs::create_symlink("../outside/kept", work.path() / "emg" / "server.cfg.emglint-bak");
  });
  CHECK(exit_code == 2);
  CHECK(fs::is_empty(work.path() / "outside"));
  CHECK(read_file(work.path() / "emg" / "server.cfg") == config_before);
}
