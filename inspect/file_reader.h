// Reads a file that should be a small text file, refusing anything that could
// block or exhaust memory (a FIFO, a device, a directory, a huge file).
#pragma once

#include <cstddef>
#include <string>
#include <variant>

namespace emglint::inspect {

// Far above any real server.cfg or rc.local, far below what would hurt.
inline constexpr std::size_t max_text_file_bytes = 256u * 1024u * 1024u;

struct ReadError {
  std::string message;  // "not a regular file (a FIFO)", "Permission denied", ...
};

[[nodiscard]] std::variant<std::string, ReadError> read_text_file(const std::string& path,
                                                                   std::size_t max_bytes = max_text_file_bytes);

}  // namespace emglint::inspect
