#include "inspect/owner_access.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>

namespace emglint::inspect {

namespace {

namespace fs = std::filesystem;

constexpr unsigned read_bit = 4;
constexpr unsigned search_bit = 1;

// The kernel asks the owner's bits of the file's owner, the group's of a
// member of its group, the others' of the rest; root may read and search all.
bool permits(const struct stat& status, const UserAccount& account, unsigned wanted) {
  if (account.uid == 0) return true;
  unsigned bits = status.st_mode & 7u;
  if (status.st_uid == account.uid) {
    bits = (status.st_mode >> 6) & 7u;
  } else if (account.in_group(status.st_gid)) {
    bits = (status.st_mode >> 3) & 7u;
  }
  return (bits & wanted) == wanted;
}

// Search permission on every directory above `canonical`, the root included.
bool could_reach(const fs::path& canonical, const UserAccount& account) {
  for (fs::path directory = canonical.parent_path();; directory = directory.parent_path()) {
    struct stat status {};
    if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) return false;
    if (!permits(status, account, search_bit)) return false;
    if (directory == directory.root_path()) return true;
  }
}

std::optional<fs::path> resolved(const std::string& path) {
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) == nullptr) return std::nullopt;
  return fs::path(buffer);
}

}  // namespace

std::optional<bool> owner_could_read(const std::string& path, const UserAccount& account) {
  const auto canonical = resolved(path);
  struct stat status {};
  if (!canonical || ::stat(canonical->c_str(), &status) != 0) return std::nullopt;
  return permits(status, account, read_bit) && could_reach(*canonical, account);
}

bool owner_could_read(int fd, const std::string& path, const UserAccount& account) {
  struct stat status {};
  if (::fstat(fd, &status) != 0) return false;
  if (!permits(status, account, read_bit)) return false;
  std::string shown(PATH_MAX, '\0');
  const ssize_t size = ::readlink(fmt::format("/proc/self/fd/{}", fd).c_str(), shown.data(), shown.size());
  if (size > 0 && shown.front() == '/') {
    shown.resize(static_cast<std::size_t>(size));
    // A file unlinked since it was opened has no directories left to judge.
    if (shown.ends_with(" (deleted)")) return false;
    return could_reach(shown, account);
  }
  // No /proc: the path, if it still leads to the same file.
  const auto canonical = resolved(path);
  struct stat named {};
  if (!canonical || ::stat(canonical->c_str(), &named) != 0) return false;
  if (named.st_dev != status.st_dev || named.st_ino != status.st_ino) return false;
  return could_reach(*canonical, account);
}

std::optional<bool> owner_could_list(const std::string& path, const UserAccount& account) {
  const auto canonical = resolved(path);
  struct stat status {};
  if (!canonical || ::stat(canonical->c_str(), &status) != 0 || !S_ISDIR(status.st_mode)) return std::nullopt;
  if (*canonical == canonical->root_path()) return permits(status, account, read_bit | search_bit);
  return permits(status, account, read_bit | search_bit) && could_reach(*canonical, account);
}

std::optional<UserAccount> owner_to_read_for(const std::string& root) {
  struct stat status {};
  if (::stat(root.c_str(), &status) != 0 || status.st_uid == ::geteuid()) return std::nullopt;
  return find_account(status.st_uid);
}

std::variant<std::string, ReadError, Withheld> read_text_file_for(const std::string& path, const UserAccount* account,
                                                                  std::size_t max_bytes) {
  // Judged before the open too: opening a device the owner could not may do something.
  if (account != nullptr && owner_could_read(path, *account) == false) return Withheld{};
  auto opened = open_regular_file(path);
  if (auto* error = std::get_if<ReadError>(&opened)) return *error;
  const FileDescriptor& fd = std::get<FileDescriptor>(opened);
  if (account != nullptr && !owner_could_read(fd.get(), path, *account)) return Withheld{};
  auto content = read_text_file(fd.get(), max_bytes);
  if (auto* error = std::get_if<ReadError>(&content)) return *error;
  return std::get<std::string>(std::move(content));
}

}  // namespace emglint::inspect
