// The installation as a plan leaves it, without touching the disk: the
// planner checks this overlay again after each round, as a fresh check of
// the fixed installation would see it.
#pragma once

#include <sys/types.h>

#include "inspect/installation.h"
#include "report/finding.h"

namespace emglint::fix {

// Who owns what a step creates: as root, bin/'s owner (the executor gives it
// the directory's owner and group); else whoever runs emglint.
[[nodiscard]] std::uint32_t creator_owner(const inspect::Installation& installation, uid_t caller);

// `installation` after `action`, as inspect_installation would see it then:
// bin/'s entries, their links followed anew, owners, modes and probes.
// `config_name` is the name chmod steps on server.cfg use.
void simulate(inspect::Installation& installation, const report::FsAction& action, std::string_view config_name,
              uid_t caller);

}  // namespace emglint::fix
