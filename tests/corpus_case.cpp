#include "corpus_case.h"

#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "report/fnv1a.h"
#include "test_support.h"

extern char** environ;

namespace emglint::testing {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

std::string unescape(const std::string& text) {
  std::string result;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
      result += '\n';
      ++i;
    } else {
      result += text[i];
    }
  }
  return result;
}

void set_mode(const fs::path& path, const std::string& mode) {
  if (::chmod(path.c_str(), static_cast<mode_t>(std::stoul(mode, nullptr, 8))) != 0) {
    throw std::runtime_error("chmod failed: " + path.string());
  }
}

std::string stand_in_tool(const std::string& name, const std::string& version_build) {
  const auto dash = version_build.rfind('-');
  return "#!/bin/sh\n# stand-in for " + name + "\ncase \"$1\" in\n  -v) echo \"EMG " + version_build.substr(0, dash) +
         " (build " + version_build.substr(dash + 1) + ")\" ;;\n  *) exit 1 ;;\nesac\n";
}

}  // namespace

std::vector<fs::path> corpus_cases() {
  std::vector<fs::path> cases;
  for (const auto& rule_dir : fs::directory_iterator(source_dir() / "corpus" / "rules")) {
    for (const auto& case_dir : fs::directory_iterator(rule_dir.path())) {
      if (case_dir.is_directory()) cases.push_back(case_dir.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<fs::path> merge_cases() {
  std::vector<fs::path> cases;
  for (const auto& case_dir : fs::directory_iterator(source_dir() / "corpus" / "merge")) {
    if (fs::exists(case_dir.path() / "runs")) cases.push_back(case_dir.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::vector<std::vector<std::string>> merge_runs(const fs::path& case_dir) {
  std::vector<std::vector<std::string>> runs;
  std::istringstream lines(read_file(case_dir / "runs"));
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) runs.push_back(words_of(line));
  }
  return runs;
}

RunningProcesses::~RunningProcesses() {
  for (int pid : pids_) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
}

void RunningProcesses::start(const fs::path& program, const std::vector<std::string>& arguments,
                             std::optional<long> soft_open_files) {
  std::vector<std::string> words{program.string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (::posix_spawn(&pid, program.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + program.string());
  }
  pids_.push_back(pid);
  // /proc/PID/exe names the program only once exec has happened; a loaded
  // machine may take seconds to get there.
  // Its command line, which the watchdog check reads, may come later still.
  const std::string proc = "/proc/" + std::to_string(pid);
  for (int tries = 0; tries < 2000; ++tries) {
    std::error_code error;
    if (fs::read_symlink(proc + "/exe", error) == fs::canonical(program) &&
        read_file(proc + "/cmdline").starts_with(program.string())) {
      break;
    }
    ::usleep(5000);
  }
  if (!soft_open_files) return;
  // Set after exec, from outside: posix_spawn cannot, and /proc/PID/limits shows it at once.
  struct rlimit limit {};
  if (::prlimit(pid, RLIMIT_NOFILE, nullptr, &limit) != 0 || static_cast<rlim_t>(*soft_open_files) > limit.rlim_max) {
    throw std::runtime_error("cannot read or lower the open-files limit of " + program.string());
  }
  limit.rlim_cur = static_cast<rlim_t>(*soft_open_files);
  if (::prlimit(pid, RLIMIT_NOFILE, &limit, nullptr) != 0) {
    throw std::runtime_error("cannot set the open-files limit of " + program.string());
  }
}

namespace {

// Whether a line of the case's manifest starts with `verb`.
bool manifest_uses(const fs::path& case_dir, std::string_view verb) {
  if (!fs::exists(case_dir / "manifest")) return false;
  std::istringstream lines(read_file(case_dir / "manifest"));
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(verb)) return true;
  }
  return false;
}

}  // namespace

bool needs_root(const fs::path& case_dir) { return manifest_uses(case_dir, "owner "); }

void build_tree(const fs::path& root, const std::string& manifest, RunningProcesses& processes) {
  fs::create_directories(root);
  std::istringstream lines(manifest);
  for (std::string line; std::getline(lines, line);) {
    const auto words = words_of(line);
    if (words.empty() || words[0].starts_with('#')) continue;
    const std::string& verb = words[0];
    if (words.size() < 2) throw std::runtime_error("manifest line without a path: " + line);
    const fs::path path = root / words[1];
    fs::create_directories(path.parent_path());
    if (verb == "dir") {
      fs::create_directories(path);
      if (words.size() > 2) set_mode(path, words[2]);
    } else if (verb == "file") {
      const auto text_start = line.find(words[2], line.find(words[1]) + words[1].size()) + words[2].size();
      std::string text = text_start < line.size() ? line.substr(text_start + 1) : "";
      write_file(path, unescape(text));
      set_mode(path, words[2]);
    } else if (verb == "tool") {
      write_file(path, stand_in_tool(path.filename().string(), words.at(3)));
      set_mode(path, words.at(2));
    } else if (verb == "copy") {
      fs::copy_file(root / words.at(2), path, fs::copy_options::overwrite_existing);
      fs::permissions(path, fs::status(root / words.at(2)).permissions());
    } else if (verb == "link") {
      // server.cfg is in place before the manifest runs; a link may take its place.
      if (path.filename() == "server.cfg" && fs::is_regular_file(fs::symlink_status(path))) fs::remove(path);
      fs::create_symlink(words.at(2), path);
    } else if (verb == "fifo") {
      if (::mkfifo(path.c_str(), 0644) != 0) throw std::runtime_error("mkfifo failed: " + path.string());
    } else if (verb == "mode") {
      set_mode(path, words.at(2));
    } else if (verb == "owner") {
      const std::string& owner = words.at(2);
      const auto colon = owner.find(':');
      const auto group =
          colon == std::string::npos ? static_cast<gid_t>(-1) : static_cast<gid_t>(std::stoul(owner.substr(colon + 1)));
      if (::lchown(path.c_str(), static_cast<uid_t>(std::stoul(owner.substr(0, colon))), group) != 0) {
        throw std::runtime_error("chown failed (the corpus needs root for `owner`): " + path.string());
      }
    } else if (verb == "system-copy") {
      fs::copy_file(words.at(2), path, fs::copy_options::overwrite_existing);
    } else if (verb == "run") {
      processes.start(path, {words.begin() + 2, words.end()});
    } else if (verb == "run-limited") {
      processes.start(path, {words.begin() + 3, words.end()}, std::stol(words.at(2)));
    } else {
      throw std::runtime_error("unknown manifest verb: " + line);
    }
  }
}

namespace {

// The case's input built in `work`, and the words of its command line: the
// case's own, then --rc-local, then the PATH (always last).
struct BuiltCase {
  std::vector<std::string> options;
  std::string path;
};

BuiltCase build_case(const fs::path& case_dir, const fs::path& work, RunningProcesses& processes) {
  BuiltCase built;
  // An installation given to another user lies where that user may pass, as
  // under /home: emglint reads for root only what the owner could read.
  if (needs_root(case_dir)) set_mode(work, "711");
  if (fs::exists(case_dir / "args")) built.options = words_of(read_file(case_dir / "args"));
  auto& options = built.options;
  const bool names_rc_local = std::find(options.begin(), options.end(), "--rc-local") != options.end();
  if (fs::exists(case_dir / "rc.local")) {
    fs::copy_file(case_dir / "rc.local", work / "rc.local");
    fs::permissions(work / "rc.local", fs::status(case_dir / "rc.local").permissions());
    if (!names_rc_local) options.insert(options.end(), {"--rc-local", "rc.local"});
  }
  for (const char* name : {"baseline.json", ".emglint.toml"}) {
    if (fs::exists(case_dir / name)) fs::copy_file(case_dir / name, work / name);
  }
  // Never the machine's PAM files either: the case's own, else none at all.
  for (const char* name : {"pam.d", "limits.conf", "limits.d"}) {
    if (fs::exists(case_dir / name)) fs::copy(case_dir / name, work / name, fs::copy_options::recursive);
  }
  if (std::find(options.begin(), options.end(), "--pam-dir") == options.end()) {
    options.insert(options.end(), {"--pam-dir", "pam.d"});
  }
  if (std::find(options.begin(), options.end(), "--limits-conf") == options.end()) {
    options.insert(options.end(), {"--limits-conf", "limits.conf"});
  }
  // Nor the machine's fs.nr_open, which systemd raises on many hosts.
  if (std::find(options.begin(), options.end(), "--nr-open") == options.end()) {
    options.insert(options.end(), {"--nr-open", "1048576"});
  }
  if (fs::exists(case_dir / "manifest")) {
    // What this machine runs is no part of a case: only a case that starts its
    // own processes reads the process table.
    const bool runs_processes = manifest_uses(case_dir, "run");  // run and run-limited
    if (!runs_processes && std::find(options.begin(), options.end(), "--offline") == options.end()) {
      options.push_back("--offline");
    }
    fs::create_directories(work / "emg");
    fs::copy_file(case_dir / "server.cfg", work / "emg" / "server.cfg");
    build_tree(work / "emg", read_file(case_dir / "manifest"), processes);
    // Never the machine's own /etc/rc.local: the example's good one, unless the case says otherwise.
    if (!names_rc_local && !fs::exists(work / "rc.local")) {
      fs::copy_file(source_dir() / "corpus" / "example" / "etc" / "rc.local", work / "rc.local");
      options.insert(options.end(), {"--rc-local", "rc.local"});
    }
    built.path = "emg";
  } else {
    fs::copy_file(case_dir / "server.cfg", work / "server.cfg");
    built.path = "server.cfg";
  }
  return built;
}

// Runs emglint in `work`: stdout, then `--- exit N`, then stderr lines, with
// what differs on every run (the temporary directory, pids) written as placeholders.
std::string run_in(const fs::path& work, std::vector<std::string> arguments, const RunningProcesses& processes,
                   std::string* raw_out = nullptr) {
  ScopedWorkingDirectory in_work(work);
  const RunResult result = run_emglint(arguments);
  if (raw_out != nullptr) *raw_out = result.out;
  std::string report = result.out + "--- exit " + std::to_string(result.exit_code) + "\n";
  std::istringstream err(result.err);
  for (std::string line; std::getline(err, line);) report += "stderr: " + line + "\n";
  const auto replace_all = [&report](const std::string& from, const std::string& to) {
    for (auto at = report.find(from); at != std::string::npos; at = report.find(from, at + to.size())) {
      report.replace(at, from.size(), to);
    }
  };
  replace_all(fs::canonical(work).string(), "<work>");
  replace_all(work.string(), "<work>");
  for (int pid : processes.pids()) replace_all("pid " + std::to_string(pid) + ")", "pid <pid>)");
  for (int pid : processes.pids()) replace_all("/proc/" + std::to_string(pid) + "/", "/proc/<pid>/");
  return report;
}

// The bytes of every regular file below `root`, links not followed.
std::set<std::string> regular_file_contents(const fs::path& root) {
  std::set<std::string> contents;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file() && !it->is_symlink()) contents.insert(read_file(it->path()));
  }
  return contents;
}

std::string fingerprint(const std::string& bytes) {
  return emglint::report::hex64(emglint::report::fnv1a(bytes)).substr(0, 8);
}

}  // namespace

std::string run_corpus_case(const fs::path& case_dir, const fs::path& work) {
  RunningProcesses processes;
  BuiltCase built = build_case(case_dir, work, processes);
  std::vector<std::string> arguments = {"check", "--color", "never"};
  arguments.insert(arguments.end(), built.options.begin(), built.options.end());
  arguments.push_back(built.path);
  return run_in(work, arguments, processes);
}

int run_corpus_case_to(const fs::path& case_dir, const fs::path& work, const std::string& format,
                       const fs::path& output) {
  RunningProcesses processes;
  BuiltCase built = build_case(case_dir, work, processes);
  std::vector<std::string> arguments = {"check", "--format", format, "-o", output.string()};
  for (std::size_t i = 0; i < built.options.size(); ++i) {
    if (built.options[i] == "--format") {
      ++i;
      continue;
    }
    arguments.push_back(built.options[i]);
  }
  arguments.push_back(built.path);
  ScopedWorkingDirectory in_work(work);
  return run_emglint(arguments).exit_code;
}

CaseInput build_corpus_case(const fs::path& case_dir, const fs::path& work, RunningProcesses& processes) {
  BuiltCase built = build_case(case_dir, work, processes);
  CaseInput input{.path = work / built.path, .installation = built.path == "emg", .options = {}};
  for (std::size_t i = 0; i < built.options.size(); ++i) {
    input.options.push_back(built.options[i]);
    const bool names_a_path = built.options[i] == "--rc-local" || built.options[i] == "--dist" ||
                              built.options[i] == "--baseline" || built.options[i] == "--config";
    if (names_a_path && i + 1 < built.options.size()) input.options.push_back((work / built.options[++i]).string());
  }
  return input;
}

bool is_fix_case(const fs::path& case_dir) { return case_dir.filename().string().starts_with("fix-"); }

// A file's owner as a fix case records it: `me` for whoever runs the suite (a
// developer or root in CI), so the snapshot holds for both; a number only for
// an owner the case itself sets with `owner`, which needs root.
std::string owner_name(uid_t uid) { return uid == ::getuid() ? "me" : std::to_string(uid); }

std::string tree_listing(const fs::path& root) {
  std::vector<std::string> lines;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& path = it->path();
    const std::string name = path.lexically_relative(root).generic_string();
    struct stat status {};
    if (::lstat(path.c_str(), &status) != 0) continue;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    if (S_ISLNK(status.st_mode)) {
      lines.push_back(name + " -> " + fs::read_symlink(path).string());
    } else if (S_ISDIR(status.st_mode)) {
      lines.push_back(name + "/ " + mode);
    } else if (S_ISREG(status.st_mode)) {
      lines.push_back(name + " " + mode + " " + owner_name(status.st_uid) + " " + fingerprint(read_file(path)));
    } else {
      lines.push_back(name + " " + mode + " special");
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string listing;
  for (const auto& line : lines) listing += line + "\n";
  return listing;
}

FixRun run_fix_case(const fs::path& case_dir, const fs::path& work) {
  RunningProcesses processes;
  BuiltCase built = build_case(case_dir, work, processes);
  // The report of a fix case may be JSON; the fix runs print text, and --diff takes no format.
  std::vector<std::string> options;
  for (std::size_t i = 0; i < built.options.size(); ++i) {
    if (built.options[i] == "--format") {
      ++i;
      continue;
    }
    options.push_back(built.options[i]);
  }
  if (fs::exists(case_dir / "fix-args")) {
    for (const auto& word : words_of(read_file(case_dir / "fix-args"))) options.push_back(word);
  }
  const auto command = [&](const std::string& mode) {
    std::vector<std::string> arguments = {"check", "--color", "never", mode};
    arguments.insert(arguments.end(), options.begin(), options.end());
    arguments.push_back(built.path);
    return arguments;
  };

  FixRun run;
  const std::string before = tree_listing(work);
  const TemporaryDirectory copy;
  REQUIRE(std::system(("cp -a '" + work.string() + "/.' '" + copy.path().string() + "'").c_str()) == 0);
  const std::set<std::string> contents_before = regular_file_contents(work);
  std::string plan;
  run.files["output.txt"] = "$ emglint check --diff\n" + run_in(work, command("--diff"), processes, &plan);
  run.diff_changed_nothing = tree_listing(work) == before;
  run.files["output.txt"] += "$ emglint check --fix\n" + run_in(work, command("--fix"), processes);
  run.files["tree.txt"] = tree_listing(work);
  const std::set<std::string> contents_after = regular_file_contents(work);
  for (const std::string& content : contents_before) {
    if (!contents_after.contains(content)) run.lost_contents.push_back(fingerprint(content));
  }
  run.replay = replay_plan(plan, work, copy.path(), built.path);
  run.fixed_listing = comparable_listing(work, run.replay.masked);
  const fs::path config = built.path == "emg" ? work / "emg" / "server.cfg" : work / "server.cfg";
  run.files["server.cfg"] = read_file(config);
  if (fs::exists(work / "rc.local")) run.files["rc.local"] = read_file(work / "rc.local");
  const std::string after = tree_listing(work);
  run.second_output = run_in(work, command("--fix"), processes);
  run.second_fix_changed_nothing = tree_listing(work) == after && read_file(config) == run.files["server.cfg"] &&
                                   (!fs::exists(work / "rc.local") || read_file(work / "rc.local") == run.files["rc.local"]);
  return run;
}

}  // namespace emglint::testing
