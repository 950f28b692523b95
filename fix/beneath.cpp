#include "fix/beneath.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <optional>
#include <vector>

#include "fix/step_failure.h"
#include "report/paths.h"

namespace emglint::fix {

namespace {

namespace fs = std::filesystem;
using inspect::FileDescriptor;

constexpr int directory_flags = O_DIRECTORY | O_NOFOLLOW | O_RDONLY | O_CLOEXEC;

// Cleared when the kernel or a seccomp filter refuses openat2 itself; the walk
// does the same, one name at a time.
std::atomic<bool> openat2_available{true};
std::atomic<bool> walk_forced{false};

struct SplitPath {
  std::vector<std::string> directories;
  std::string name;
};

// The components of a path inside a root, or nullopt for one that is empty,
// absolute, or climbs with `..`.
std::optional<SplitPath> split_inside(const std::string& relative) {
  if (relative.empty() || relative.front() == '/') return std::nullopt;
  std::vector<std::string> parts;
  for (const auto& part : fs::path(relative)) {
    const std::string text = part.string();
    if (text == "..") return std::nullopt;
    if (!text.empty() && text != ".") parts.push_back(text);
  }
  if (parts.empty()) return std::nullopt;
  SplitPath split{.name = parts.back()};
  parts.pop_back();
  split.directories = std::move(parts);
  return split;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string path;
  for (const auto& part : parts) path += (path.empty() ? "" : "/") + part;
  return path.empty() ? std::string(".") : path;
}

// A link on the way: says where it leads, computed by name for the message
// only (nothing is opened or written through it).
[[noreturn]] void refuse_link_on_the_way(const RootDirectory& root, const std::string& directory,
                                         const std::string& shown) {
  std::error_code error;
  const fs::path real = fs::weakly_canonical(fs::path(root.path) / directory, error);
  if (error) {
    throw StepFailure(
        fmt::format("{}: its directory {} is a link that cannot be followed; not written", shown, directory));
  }
  if (!report::relative_inside(real, root.path)) {
    throw StepFailure(
        fmt::format("{}: its directory leads out of {}, to {}; not written", shown, root.description, real.string()));
  }
  throw StepFailure(fmt::format("{}: its directory {} is reached through a link; not written", shown, directory));
}

// openat2 beneath `root`: the descriptor, or -1 with errno.
int open_with_openat2(int root, const std::string& directory) {
  open_how how{};
  how.flags = O_DIRECTORY | O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  for (int attempt = 0;; ++attempt) {
    const long fd = ::syscall(SYS_openat2, root, directory.c_str(), &how, sizeof how);
    // EAGAIN: a rename elsewhere raced the lookup; the kernel asks to retry.
    if (fd < 0 && (errno == EINTR || errno == EAGAIN) && attempt < 16) continue;
    return static_cast<int>(fd);
  }
}

bool is_link(int directory, const std::string& name) {
  struct stat status {};
  return ::fstatat(directory, name.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(status.st_mode);
}

FileDescriptor walk(const RootDirectory& root, const SplitPath& split, const std::string& shown) {
  FileDescriptor current(::openat(root.fd.get(), ".", directory_flags));
  if (!current.valid()) fail_with_errno("open", root.path);
  std::vector<std::string> walked;
  for (const std::string& part : split.directories) {
    walked.push_back(part);
    FileDescriptor next(::openat(current.get(), part.c_str(), directory_flags));
    if (!next.valid()) {
      const int error = errno;
      if ((error == ELOOP || error == ENOTDIR) && is_link(current.get(), part)) {
        refuse_link_on_the_way(root, joined(walked), shown);
      }
      fail_with(error, "open the directory of", shown);
    }
    current = std::move(next);
  }
  return current;
}

}  // namespace

RootDirectory open_root(const std::string& path, std::string description) {
  FileDescriptor fd(::open(path.c_str(), directory_flags));
  if (!fd.valid()) fail_with_errno(fmt::format("open {}", description), path);
  return {.fd = std::move(fd), .path = path, .description = std::move(description)};
}

DirectoryEntry open_beneath(const RootDirectory& root, const std::string& relative, const std::string& shown) {
  const auto split = split_inside(relative);
  if (!split) throw StepFailure(fmt::format("{}: not a path inside {}", shown, root.description));
  if (walk_forced || !openat2_available) return {walk(root, *split, shown), split->name, shown};

  const std::string directory = joined(split->directories);
  FileDescriptor opened(open_with_openat2(root.fd.get(), directory));
  if (opened.valid()) return {std::move(opened), split->name, shown};
  const int error = errno;
  // ENOSYS: a kernel before 5.6; EPERM: a container whose seccomp profile
  // predates openat2; EINVAL: resolve flags it does not know. The walk is as safe.
  if (error == ENOSYS || error == EPERM || error == EINVAL) {
    openat2_available = false;
    return {walk(root, *split, shown), split->name, shown};
  }
  // ELOOP: a link on the way; EXDEV: the lookup would have left the root.
  // The walk finds that link and says where it leads.
  if (error == ELOOP || error == EXDEV) return {walk(root, *split, shown), split->name, shown};
  fail_with(error, "open the directory of", shown);
}

DirectoryEntry open_absolute(const std::string& path) {
  const fs::path absolute(path);
  const std::string name = absolute.filename().string();
  if (!absolute.is_absolute() || name.empty() || name == "." || name == "..") {
    throw StepFailure(fmt::format("{}: not the path of a file", path));
  }
  std::error_code error;
  const fs::path directory = fs::canonical(absolute.parent_path(), error);
  if (error) throw StepFailure(fmt::format("cannot open the directory of {}: {}", path, error.message()));
  FileDescriptor fd(::open(directory.c_str(), directory_flags));
  if (!fd.valid()) fail_with_errno("open the directory of", path);
  return {std::move(fd), name, path};
}

void walk_without_openat2_for_testing(bool walk) { walk_forced = walk; }

}  // namespace emglint::fix
