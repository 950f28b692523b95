// An open file descriptor that closes itself: whoever holds one owns it, and
// a move hands it on. Readers and the fix executor hold every descriptor so.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <utility>

namespace emglint::inspect {

class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.release()) {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
      discard();
      fd_ = other.release();
    }
    return *this;
  }
  ~FileDescriptor() { discard(); }

  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool valid() const { return fd_ >= 0; }

  // Gives the descriptor up without closing it.
  [[nodiscard]] int release() { return std::exchange(fd_, -1); }

  // Closes it now and reports whether that went well (0, or the errno): after
  // writing, a failed close can be the first sign that the bytes were lost.
  [[nodiscard]] int close() {
    if (fd_ < 0) return 0;
    return ::close(release()) == 0 ? 0 : errno;
  }

 private:
  // Closing on the way out has no one left to tell of an error.
  void discard() {
    if (fd_ >= 0) ::close(release());
  }

  int fd_ = -1;
};

}  // namespace emglint::inspect
