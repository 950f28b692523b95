#include "inspect/file_reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace emglint::inspect {

namespace {

const char* file_type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::variant<std::string, ReadError> read_text_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    if (errno == ELOOP) return ReadError{"too many levels of symbolic links (a link loop?)"};
    return ReadError{std::strerror(errno)};
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return ReadError{std::strerror(errno)};
  if (!S_ISREG(info.st_mode)) return ReadError{fmt::format("not a regular file: it is {}", file_type_name(info.st_mode))};
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return ReadError{fmt::format("too large: {} bytes, more than the {} bytes emglint reads", info.st_size, max_bytes)};
  }

  std::string content;
  content.resize(static_cast<std::size_t>(info.st_size));
  std::size_t filled = 0;
  while (true) {
    if (filled == content.size()) {
      // The file may have grown since fstat; read on, within the limit.
      if (content.size() >= max_bytes) break;
      content.resize(std::min(max_bytes, content.size() + 65536));
    }
    const ssize_t got = ::read(fd.get(), content.data() + filled, content.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      return ReadError{std::strerror(errno)};
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  content.resize(filled);
  return content;
}

}  // namespace emglint::inspect
