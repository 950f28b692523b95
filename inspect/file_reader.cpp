#include "inspect/file_reader.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "inspect/file_descriptor.h"

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

}  // namespace

std::variant<FileDescriptor, ReadError> open_regular_file(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) {
    if (errno == ELOOP) return ReadError{"too many levels of symbolic links (a link loop?)"};
    return ReadError{std::strerror(errno)};
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return ReadError{std::strerror(errno)};
  if (!S_ISREG(info.st_mode)) {
    return ReadError{fmt::format("not a regular file: it is {}", file_type_name(info.st_mode))};
  }
  return fd;
}

std::variant<std::string, ReadError> read_text_file(const std::string& path, std::size_t max_bytes) {
  auto opened = open_regular_file(path);
  if (auto* error = std::get_if<ReadError>(&opened)) return *error;
  return read_text_file(std::get<FileDescriptor>(opened).get(), max_bytes);
}

std::variant<std::string, ReadError> read_text_file(int fd, std::size_t max_bytes) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return ReadError{std::strerror(errno)};
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return ReadError{fmt::format("too large: {} bytes, more than the {} bytes emglint reads", info.st_size, max_bytes),
                     true};
  }

  std::string content;
  content.resize(static_cast<std::size_t>(info.st_size));
  std::size_t filled = 0;
  while (true) {
    if (filled == content.size()) {
      // The file may have grown since fstat; read on, within the limit. A
      // probe first: growing the string for the end of the file would double
      // its room, and it is the file's one copy for the whole check.
      if (content.size() >= max_bytes) break;
      char probe[4096];
      const ssize_t got = ::read(fd, probe, std::min(sizeof probe, max_bytes - content.size()));
      if (got < 0) {
        if (errno == EINTR) continue;
        return ReadError{std::strerror(errno)};
      }
      if (got == 0) break;
      content.append(probe, static_cast<std::size_t>(got));
      filled = content.size();
      continue;
    }
    const ssize_t got = ::read(fd, content.data() + filled, content.size() - filled);
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

std::optional<ReadError> for_each_chunk(const std::string& path,
                                        const std::function<void(std::string_view)>& on_chunk) {
  auto opened = open_regular_file(path);
  if (auto* error = std::get_if<ReadError>(&opened)) return *error;
  return for_each_chunk(std::get<FileDescriptor>(opened).get(), on_chunk);
}

std::optional<ReadError> for_each_chunk(int fd, const std::function<void(std::string_view)>& on_chunk) {
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return ReadError{std::strerror(errno)};
    if (got == 0) return std::nullopt;
    on_chunk(std::string_view(buffer, static_cast<std::size_t>(got)));
  }
}

std::optional<ReadError> for_each_line(const std::string& path, const std::function<void(std::string_view)>& on_line,
                                       std::size_t line_limit) {
  // The start of a line that spans chunks, at most `line_limit` bytes of it;
  // `pending_size` counts the whole line, so that a cut line is still one line.
  std::string pending;
  std::size_t pending_size = 0;
  const auto hold = [&](std::string_view part) {
    if (pending.size() < line_limit) pending.append(part.substr(0, line_limit - pending.size()));
    pending_size += part.size();
  };
  const auto error = for_each_chunk(path, [&](std::string_view chunk) {
    for (auto newline = chunk.find('\n'); newline != std::string_view::npos; newline = chunk.find('\n')) {
      if (pending_size == 0) {
        on_line(chunk.substr(0, std::min(newline, line_limit)));
      } else {
        hold(chunk.substr(0, newline));
        on_line(pending);
        pending.clear();
        pending_size = 0;
      }
      chunk.remove_prefix(newline + 1);
    }
    hold(chunk);
  });
  if (error) return error;
  if (pending_size != 0) on_line(pending);
  return std::nullopt;
}

std::variant<std::vector<std::string>, ReadError> list_directory_entries(const std::string& path) {
  DIR* handle = ::opendir(path.c_str());
  if (handle == nullptr) return ReadError{std::strerror(errno)};
  std::vector<std::string> names;
  while (const dirent* item = ::readdir(handle)) {
    const std::string_view name = item->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(handle);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace emglint::inspect
