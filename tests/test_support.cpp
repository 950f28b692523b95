#include "test_support.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace emglint::testing {

RunResult run_emglint(const std::vector<std::string>& arguments, const cli::Environment& environment) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = cli::run(arguments, environment, out, err);
  return {code, out.str(), err.str()};
}

std::filesystem::path source_dir() { return EMGLINT_SOURCE_DIR; }

TemporaryDirectory::TemporaryDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "emglint-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
  std::error_code ignored;
  // Tests may remove permissions; give them back so the tree can be removed.
  for (auto it = std::filesystem::recursive_directory_iterator(path_, ignored);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ignored)) {
    if (it->is_directory(ignored) && !it->is_symlink(ignored)) {
      std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ignored);
    }
  }
  std::filesystem::remove_all(path_, ignored);
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream << content;
  if (!stream) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

FileStatus status_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) {
    throw std::runtime_error("cannot stat " + path.string() + ": " + std::strerror(errno));
  }
  return {static_cast<mode_t>(status.st_mode & 07777), status.st_uid, status.st_gid};
}

bool under_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

bool running_as_root(std::string_view why_root) {
  if (::geteuid() == 0) return true;
  if (under_ci()) FAIL("not run as root under CI=true: " << why_root);
  WARN("not run: " << why_root << " needs root (CI runs as root)");
  return false;
}

bool updating_snapshots() {
  if (std::getenv("EMGLINT_UPDATE_SNAPSHOTS") == nullptr) return false;
  if (under_ci()) FAIL("EMGLINT_UPDATE_SNAPSHOTS is set under CI=true: the snapshots would be rewritten, not compared");
  return true;
}

void check_snapshot(const std::filesystem::path& file, const std::string& actual, bool update) {
  if (update) {
    write_file(file, actual);
    return;
  }
  REQUIRE(std::filesystem::exists(file));
  CHECK(actual == read_file(file));
}

ScopedWorkingDirectory::ScopedWorkingDirectory(const std::filesystem::path& path)
    : previous_(std::filesystem::current_path()) {
  std::filesystem::current_path(path);
}

ScopedWorkingDirectory::~ScopedWorkingDirectory() {
  std::error_code ignored;
  std::filesystem::current_path(previous_, ignored);
}

}  // namespace emglint::testing
