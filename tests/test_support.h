// Helpers shared by the tests: run the CLI in-process, make files and trees.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli/run.h"

namespace emglint::testing {

struct RunResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs `emglint ARGS...` in-process with no terminal and no NO_COLOR.
RunResult run_emglint(const std::vector<std::string>& arguments, const cli::Environment& environment = {});

std::filesystem::path source_dir();

// A fresh directory under the system's temporary directory, removed on destruction.
class TemporaryDirectory {
 public:
  TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory();
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_file(const std::filesystem::path& path, const std::string& content);
std::string read_file(const std::filesystem::path& path);

struct FileStatus {
  mode_t mode = 0;  // the permission bits
  uid_t uid = 0;
  gid_t gid = 0;
};
// The path itself, not where a link leads; throws when it is missing.
FileStatus status_of(const std::filesystem::path& path);

// Whether this is a CI run (CI=true), where nothing may pass by not running.
bool under_ci();

// Whether a test that needs root can run: as another user it warns that it
// did not run and returns false, except under CI=true, where it fails (CI
// runs as root, and a skip there would hide that the test never ran).
bool running_as_root(std::string_view why_root);

// Whether EMGLINT_UPDATE_SNAPSHOTS asks to rewrite snapshots instead of
// comparing them; under CI=true that fails, as nothing would be compared.
bool updating_snapshots();

// Compares `actual` with the snapshot in `file`, or with `update` (what
// updating_snapshots() said) rewrites the snapshot instead.
void check_snapshot(const std::filesystem::path& file, const std::string& actual, bool update);

// Changes the working directory for the lifetime of the object.
class ScopedWorkingDirectory {
 public:
  explicit ScopedWorkingDirectory(const std::filesystem::path& path);
  ScopedWorkingDirectory(const ScopedWorkingDirectory&) = delete;
  ScopedWorkingDirectory& operator=(const ScopedWorkingDirectory&) = delete;
  ~ScopedWorkingDirectory();

 private:
  std::filesystem::path previous_;
};

}  // namespace emglint::testing
