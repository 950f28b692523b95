// The boot script that should raise the open-files limit and start the
// watchdog (/etc/rc.local, or --rc-local), read and parsed, never written.
#pragma once

#include <string>

#include "parser/rc_local.h"

namespace emglint::inspect {

struct RcLocalFacts {
  std::string path;  // as named
  bool exists = false;
  std::string read_error;  // set when it exists but cannot be read
  bool executable = false;
  rclocal::RcLocalModel model;
};

[[nodiscard]] RcLocalFacts inspect_rc_local(const std::string& path);

}  // namespace emglint::inspect
