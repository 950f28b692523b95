// `--fix` killed at any moment leaves every file wholly original or wholly
// fixed, and a backup, where there is one, whole. The program pauses between
// its write steps (EMGLINT_TEST_STEP_PAUSE_MS), so a kill lands between any two.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <thread>

#include "test_support.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

constexpr int pause_ms = 40;

std::string large_config() {
  std::string config = "# a large site\n";
  for (int i = 0; i < 5000; ++i) {
    config += "CONNECTOR smpp-" + std::to_string(i) + " <\nPROTOCOL=SMPP\nINSTANCES=1\n>\n";
  }
  return config;
}

std::string large_rc_local() {
  std::string script = "#!/bin/sh -e\n";
  for (int i = 0; i < 5000; ++i) script += "# maintenance note " + std::to_string(i) + "\n";
  return script + "su emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\nexit 0\n";
}

// Starts `emglint check --fix` in `directory`; the pid.
pid_t start_fix(const fs::path& directory, bool pausing) {
  std::vector<std::string> words = {EMGLINT_BINARY, "check",      "--fix",         "--phase", "prepare",
                                    "--rc-local",   "rc.local", "--select", "EMG101,EMG601", "server.cfg"};
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** variable = environ; *variable != nullptr; ++variable) environment.emplace_back(*variable);
  if (pausing) environment.push_back("EMGLINT_TEST_STEP_PAUSE_MS=" + std::to_string(pause_ms));
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
  const int status = wait_for(start_fix(reference.path(), false));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const std::string fixed_config = read_file(reference.path() / "server.cfg");
  const std::string fixed_rc_local = read_file(reference.path() / "rc.local");
  REQUIRE(fixed_config != config);
  REQUIRE(fixed_rc_local != rc_local);

  // Kill points half a pause apart, counted from the moment the first write
  // shows in the directory (however long the check before it took), over the
  // writes of both files (at most 8 pausing steps each) and past their end;
  // and one kill at once, before anything is written.
  const auto step = std::chrono::milliseconds(pause_ms / 2);
  std::vector<std::optional<std::chrono::milliseconds>> offsets = {std::nullopt};
  for (auto offset = std::chrono::milliseconds(0); offset <= 2 * 8 * 2 * step; offset += step) offsets.push_back(offset);
  offsets.push_back(40 * 2 * step);
  int original = 0;
  int fixed = 0;
  int mixed = 0;
  for (const auto& offset : offsets) {
    TemporaryDirectory work;
    set_up(work.path(), config, rc_local);
    const pid_t pid = start_fix(work.path(), true);
    if (offset) {
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (std::distance(fs::directory_iterator(work.path()), fs::directory_iterator()) == 2 &&
             std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      std::this_thread::sleep_for(*offset);
    }
    ::kill(pid, SIGKILL);
    wait_for(pid);

    const std::string config_now = read_file(work.path() / "server.cfg");
    const std::string rc_local_now = read_file(work.path() / "rc.local");
    INFO("killed " << (offset ? std::to_string(offset->count()) + " ms after the first write" : "at once"));
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
  // The kills fell before, between and after the writes.
  INFO(original << " original, " << mixed << " mixed, " << fixed << " fixed");
  CHECK(original > 0);
  CHECK(mixed > 0);
  CHECK(fixed > 0);
}
