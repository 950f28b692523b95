// A corpus case: a directory with `server.cfg`, optionally `args` (extra
// command-line words, one per line), `manifest` (an installation tree, see
// below), `rc.local`, `baseline.json` (for `--baseline baseline.json` in args),
// `.emglint.toml` (found upward from the PATH), PAM's files (`pam.d/`,
// `limits.conf`, `limits.d/`: the case is checked with these, or with none,
// never the machine's), and `expected.txt`.
//
// Manifest lines build a real tree under `emg/` with real links and modes:
//   dir PATH [MODE]
//   file PATH MODE TEXT...        TEXT with \n for new lines
//   tool PATH MODE VERSION-BUILD  a shell script answering -v with the version
//   copy PATH FROM                same bytes and mode as FROM
//   link PATH TARGET              a symbolic link, dangling or looping as written (server.cfg too,
//                                 in place of the case's)
//   fifo PATH
//   mode PATH MODE                chmod (server.cfg is in place before the manifest runs)
//   owner PATH UID[:GID]          chown, of the link itself for a link (needs root)
//   system-copy PATH SOURCE       a copy of a file of this machine, e.g. /bin/sleep
//   run PATH ARGS...              starts PATH (inside the tree) for the duration of the case;
//                                 its pid is written as <pid> in the output
//   run-limited PATH NOFILE ARGS...  as run, with a soft open-files limit of NOFILE, as a
//                                 process started before rc.local raised the limit has
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plan_replay.h"

namespace emglint::testing {

std::vector<std::filesystem::path> corpus_cases();  // sorted

// The cases of `emglint merge` (corpus/merge/*/ with a `runs` file), sorted,
// and a case's command lines: each line of `runs` is the words after `merge`,
// with paths relative to the case's folder, where they run.
std::vector<std::filesystem::path> merge_cases();
std::vector<std::vector<std::string>> merge_runs(const std::filesystem::path& case_dir);

// A case whose manifest changes owners can only be built by root.
bool needs_root(const std::filesystem::path& case_dir);

// Builds the case in `work` and runs it: stdout, then `--- exit N`, then stderr
// lines, with `work` written as `<work>`. Installation cases are checked with
// the case's rc.local, else the example installation's, never the machine's.
std::string run_corpus_case(const std::filesystem::path& case_dir, const std::filesystem::path& work);

// Builds the case in `work` and runs it with its own options, but `--format
// FORMAT -o OUTPUT` in place of any format it names; returns the exit code.
int run_corpus_case_to(const std::filesystem::path& case_dir, const std::filesystem::path& work,
                       const std::string& format, const std::filesystem::path& output);

// A case named `fix-*` also holds, in `fixed/`, what `--fix` leaves: the
// output of `--diff` then `--fix` (output.txt), the tree (tree.txt: paths,
// modes, owners, content fingerprints, link targets) and server.cfg and
// rc.local as rewritten. Its runs take the case's args without --format, plus
// the words of `fix-args` (such as --unsafe-fixes).
bool is_fix_case(const std::filesystem::path& case_dir);
struct FixRun {
  std::map<std::string, std::string> files;  // by name under fixed/
  bool diff_changed_nothing = false;
  bool second_fix_changed_nothing = false;
  std::string second_output;
  // Fingerprints of contents some regular file held before --fix and none after.
  std::vector<std::string> lost_contents;
  // What --diff printed, replayed on a copy of the tree; and --fix's tree, alike comparable.
  Replay replay;
  std::string fixed_listing;
};
FixRun run_fix_case(const std::filesystem::path& case_dir, const std::filesystem::path& work);
// Every path below `root`, sorted, with what it is.
std::string tree_listing(const std::filesystem::path& root);

// Processes a manifest started; they are killed and reaped on destruction.
class RunningProcesses {
 public:
  RunningProcesses() = default;
  RunningProcesses(const RunningProcesses&) = delete;
  RunningProcesses& operator=(const RunningProcesses&) = delete;
  ~RunningProcesses();
  // `soft_open_files`: the soft RLIMIT_NOFILE the process runs with; nullopt inherits ours.
  void start(const std::filesystem::path& program, const std::vector<std::string>& arguments,
             std::optional<long> soft_open_files = std::nullopt);
  [[nodiscard]] const std::vector<int>& pids() const { return pids_; }

 private:
  std::vector<int> pids_;
};

// Builds an installation tree from manifest text under `root`.
void build_tree(const std::filesystem::path& root, const std::string& manifest, RunningProcesses& processes);

// A case's input built under a directory, not yet run: what to check and the
// case's options, with the paths of --rc-local, --dist, --baseline and --config
// made absolute.
struct CaseInput {
  std::filesystem::path path;  // the installation directory, or the config file
  bool installation = false;
  std::vector<std::string> options;
};
CaseInput build_corpus_case(const std::filesystem::path& case_dir, const std::filesystem::path& work,
                            RunningProcesses& processes);

}  // namespace emglint::testing
