// The boot script that should raise the open-files limit and start the
// watchdog (/etc/rc.local, or --rc-local), read, never written. The check
// parses its content (from the file table, so that it may be changed in memory).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "inspect/file_reader.h"
#include "parser/rc_local.h"

namespace emglint::inspect {

struct RcLocalFacts {
  std::string path;  // as named
  bool exists = false;
  std::string read_error;  // set when it exists but cannot be read
  bool too_large = false;  // the read_error is its size, above --max-file-size
  bool executable = false;
  std::string content;          // as read; moved into the file table by the check
  rclocal::RcLocalModel model;  // filled by the check from the file table's copy
  // This host's fs.nr_open, the highest open-files limit a `ulimit -n` may
  // set; none when it cannot be read.
  std::optional<std::int64_t> nr_open;
};

[[nodiscard]] RcLocalFacts inspect_rc_local(const std::string& path, std::size_t max_bytes = max_text_file_bytes);

// The number in `path` (/proc/sys/fs/nr_open); none when it cannot be read or holds no number.
[[nodiscard]] std::optional<std::int64_t> read_nr_open(const std::string& path = "/proc/sys/fs/nr_open");

}  // namespace emglint::inspect
