// What the rc.local rules and the open-files facts need to know about a
// boot script: where the watchdog starts, which `ulimit -n` applies, and
// whether an unconditional `exit` stops the script before the watchdog.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "inspect/rc_local_facts.h"

namespace emglint::analysis {

struct RcLocalAnalysis {
  std::optional<std::size_t> watchdog;        // index into model.commands
  std::optional<std::size_t> watchdog_su;     // the `su ... -c '...'` the watchdog runs in, if any
  std::vector<std::size_t> ulimits;           // commands setting `ulimit -n`, in order
  std::optional<std::size_t> applied_ulimit;  // the last one before the watchdog, else the first one
  std::optional<std::size_t> early_exit;      // an unconditional `exit` before the watchdog
  // What each of `ulimits` sets, with `$NAME` resolved from the plain
  // assignments made before it at the script's top level; no number when it cannot be.
  std::vector<rclocal::OpenFilesValue> ulimit_values;

  // What the applied ulimit sets.
  [[nodiscard]] const rclocal::OpenFilesValue* applied_value() const;
  // Whether the applied ulimit runs inside the watchdog's own `su -c`, before
  // it: inherited, and set after su's PAM session.
  [[nodiscard]] bool ulimit_in_watchdog_su(const rclocal::RcLocalModel& model) const;
};

[[nodiscard]] RcLocalAnalysis analyze_rc_local(const rclocal::RcLocalModel& model, std::string_view watchdog_pattern);

}  // namespace emglint::analysis
