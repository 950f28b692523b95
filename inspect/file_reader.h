// Reads a file that should be a small text file, refusing anything that could
// block or exhaust memory (a FIFO, a device, a directory, a huge file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "inspect/file_descriptor.h"

namespace emglint::inspect {

// Far above any real server.cfg or rc.local, far below what would hurt.
inline constexpr std::size_t max_text_file_bytes = 256u * 1024u * 1024u;

struct ReadError {
  std::string message;     // "not a regular file (a FIFO)", "Permission denied", ...
  bool too_large = false;  // larger than the limit it was read with
};

// Opens a regular file for reading, links followed; a FIFO must not block
// the open, and anything but a regular file is refused.
[[nodiscard]] std::variant<FileDescriptor, ReadError> open_regular_file(const std::string& path);

[[nodiscard]] std::variant<std::string, ReadError> read_text_file(const std::string& path,
                                                                  std::size_t max_bytes = max_text_file_bytes);
// The same from a regular file already open (one opened beneath a directory
// descriptor), from where its offset stands.
[[nodiscard]] std::variant<std::string, ReadError> read_text_file(int fd, std::size_t max_bytes = max_text_file_bytes);

// Reads a file of any size in chunks, with the same refusals as read_text_file
// but no size limit; nullopt when it was read.
[[nodiscard]] std::optional<ReadError> for_each_chunk(const std::string& path,
                                                      const std::function<void(std::string_view)>& on_chunk);
[[nodiscard]] std::optional<ReadError> for_each_chunk(int fd, const std::function<void(std::string_view)>& on_chunk);

// Far longer than any line a log or /proc file means to hold; what a line
// without a newline in gigabytes of log may cost.
inline constexpr std::size_t max_line_bytes = 1024u * 1024u;

// Reads a file of any size line by line (without terminators), with the same
// refusals as read_text_file but no size limit; nullopt when it was read. A
// line longer than `line_limit` is passed cut to its first `line_limit` bytes:
// what is held stays bounded whatever the file's shape.
[[nodiscard]] std::optional<ReadError> for_each_line(const std::string& path,
                                                     const std::function<void(std::string_view)>& on_line,
                                                     std::size_t line_limit = max_line_bytes);

// The names in a directory (without `.` and `..`), sorted.
[[nodiscard]] std::variant<std::vector<std::string>, ReadError> list_directory_entries(const std::string& path);

}  // namespace emglint::inspect
