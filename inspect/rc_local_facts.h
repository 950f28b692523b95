// The boot script that should raise the open-files limit and start the
// watchdog (/etc/rc.local, or --rc-local), read, never written. The check
// parses its content (from the file table, so that it may be changed in memory).
#pragma once

#include <string>

#include "parser/rc_local.h"

namespace emglint::inspect {

struct RcLocalFacts {
  std::string path;  // as named
  bool exists = false;
  std::string read_error;  // set when it exists but cannot be read
  bool executable = false;
  std::string content;          // as read; moved into the file table by the check
  rclocal::RcLocalModel model;  // filled by the check from the file table's copy
};

[[nodiscard]] RcLocalFacts inspect_rc_local(const std::string& path);

}  // namespace emglint::inspect
