#include "fix/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <streambuf>
#include <vector>

#include "fix/steps.h"

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

// A stream buffer writing to a file descriptor; a failed write is remembered
// and makes the stream bad.
class FdBuffer final : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  [[nodiscard]] int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!flush_buffer()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush_buffer() ? 0 : -1; }

 private:
  bool flush_buffer() {
    const char* data = pbase();
    std::size_t size = static_cast<std::size_t>(pptr() - pbase());
    while (size > 0) {
      const ssize_t result = ::write(fd_, data, size);
      if (result < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      data += result;
      size -= static_cast<std::size_t>(result);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

}  // namespace

std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content) {
  return write_file_atomically(
      path, [&](std::ostream& out) { out.write(content.data(), static_cast<std::streamsize>(content.size())); });
}

std::optional<std::string> write_file_atomically(const std::string& path,
                                                 const std::function<void(std::ostream&)>& render) {
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

  FdBuffer buffer(fd);
  std::ostream out(&buffer);
  render(out);
  out.flush();
  if (!out || buffer.error() != 0) {
    errno = buffer.error() != 0 ? buffer.error() : EIO;
    return fail(error_text("cannot write", temporary));
  }
  step();
  if (::fsync(fd) != 0) return fail(error_text("cannot sync", temporary));
  if (::close(fd) != 0) {
    ::unlink(temporary.c_str());
    return error_text("cannot close", temporary);
  }
  step();
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
