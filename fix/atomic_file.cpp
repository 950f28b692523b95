#include "fix/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace emglint::fix {

namespace {

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string error_text(std::string_view what, const std::string& path) {
  return fmt::format("{} {}: {}", what, path, std::strerror(errno));
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content) {
  struct stat existing {};
  const bool exists = ::stat(path.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode)) return fmt::format("{}: exists and is not a regular file", path);

  std::string temporary = path + ".emglint-tmp-XXXXXX";
  std::vector<char> name(temporary.begin(), temporary.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return error_text("cannot create a temporary file beside", path);
  temporary = name.data();

  const auto fail = [&](std::string message) {
    ::close(fd);
    ::unlink(temporary.c_str());
    return std::optional<std::string>(std::move(message));
  };

  if (exists) {
    if (::fchmod(fd, existing.st_mode & 07777) != 0) return fail(error_text("cannot set the mode of", temporary));
    // Only root may give a file away; for others the owner is already theirs.
    if (::geteuid() == 0 && ::fchown(fd, existing.st_uid, existing.st_gid) != 0) {
      return fail(error_text("cannot set the owner of", temporary));
    }
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, 0666 & ~mask) != 0) return fail(error_text("cannot set the mode of", temporary));
  }

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t result = ::write(fd, content.data() + written, content.size() - written);
    if (result < 0) {
      if (errno == EINTR) continue;
      return fail(error_text("cannot write", temporary));
    }
    written += static_cast<std::size_t>(result);
  }
  if (::fsync(fd) != 0) return fail(error_text("cannot sync", temporary));
  if (::close(fd) != 0) {
    ::unlink(temporary.c_str());
    return error_text("cannot close", temporary);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string message = error_text("cannot replace", path);
    ::unlink(temporary.c_str());
    return message;
  }
  // The rename itself must survive a crash: sync the directory entry.
  const int directory = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory >= 0) {
    ::fsync(directory);
    ::close(directory);
  }
  return std::nullopt;
}

}  // namespace emglint::fix
