// Helpers shared by the tests: run the CLI in-process, make files and trees.
#pragma once

#include <filesystem>
#include <string>
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
