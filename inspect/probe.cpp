#include "inspect/probe.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "inspect/file_descriptor.h"

extern char** environ;

namespace emglint::inspect {

namespace {

using Clock = std::chrono::steady_clock;

bool worth_probing(const BinEntry& entry) {
  if (entry.final_type != EntryType::regular || !entry.owner_can_execute() || entry.withheld) return false;
  if (is_emg_tool(entry.name)) return true;
  const auto versioned = parse_versioned_name(entry.name);
  return versioned && is_emg_tool(versioned->tool);
}

}  // namespace

ProbeResult probe_version(const std::string& path, std::chrono::milliseconds timeout) {
  ProbeResult result;
  result.name = path.substr(path.rfind('/') + 1);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    result.detail = fmt::format("cannot create a pipe: {}", std::strerror(errno));
    return result;
  }
  FileDescriptor read_end(pipe_fds[0]);
  FileDescriptor write_end(pipe_fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Its own process group, so that a timeout also ends whatever it started.
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);

  std::string program = path;
  std::string flag = "-v";
  char* argv[] = {program.data(), flag.data(), nullptr};
  pid_t pid = 0;
  const int spawn_error = ::posix_spawn(&pid, path.c_str(), &actions, &attributes, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  // The child holds its own copy: with ours closed, its exit ends the reading.
  (void)write_end.close();
  if (spawn_error != 0) {
    result.detail = fmt::format("cannot run it: {}", std::strerror(spawn_error));
    return result;
  }

  const auto deadline = Clock::now() + timeout;
  bool timed_out = false;
  char buffer[1024];
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd poll_fd{read_end.get(), POLLIN, 0};
    const int ready = ::poll(&poll_fd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;  // every writer closed its end
    const std::size_t room = probe_output_cap - std::min(probe_output_cap, result.output.size());
    result.output.append(buffer, std::min(room, static_cast<std::size_t>(got)));
  }
  (void)read_end.close();

  // Closing its output is not exiting: the deadline holds until it is gone.
  int status = 0;
  while (!timed_out) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (Clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    ::usleep(5000);
  }
  if (timed_out) {
    ::kill(-pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (timed_out) {
    result.outcome = ProbeResult::Outcome::timed_out;
    result.detail = fmt::format("no answer within {} s", std::chrono::duration<double>(timeout).count());
  } else if (WIFSIGNALED(status)) {
    result.outcome = ProbeResult::Outcome::crashed;
    result.detail = fmt::format("killed by signal {}", WTERMSIG(status));
  } else {
    result.outcome = ProbeResult::Outcome::answered;
    if (WEXITSTATUS(status) != 0) result.detail = fmt::format("exit status {}", WEXITSTATUS(status));
  }
  result.version = parse_version_output(result.output);
  return result;
}

std::vector<std::string> paths_to_probe(const std::string& bin, const std::vector<BinEntry>& entries) {
  std::vector<std::string> paths;
  for (const auto& entry : entries) {
    if (worth_probing(entry)) paths.push_back(bin + "/" + entry.name);
  }
  return paths;
}

std::vector<ProbeResult> probe_all(const std::vector<std::string>& paths, std::chrono::milliseconds timeout) {
  // All at once: twenty binaries that hang cost one timeout, not twenty.
  std::vector<ProbeResult> results(paths.size());
  {
    std::vector<std::jthread> probes;
    for (std::size_t i = 0; i < paths.size(); ++i) {
      probes.emplace_back([&results, &paths, i, timeout] { results[i] = probe_version(paths[i], timeout); });
    }
  }
  return results;
}

std::vector<ProbeResult> probe_versions(const std::string& bin, const std::vector<BinEntry>& entries,
                                        std::chrono::milliseconds timeout) {
  return probe_all(paths_to_probe(bin, entries), timeout);
}

}  // namespace emglint::inspect
