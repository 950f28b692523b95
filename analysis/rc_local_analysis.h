// What the rc.local rules and the open-files facts need to know about a
// boot script: where the watchdog starts, which `ulimit -n` applies, and
// whether an unconditional `exit` stops the script before the watchdog.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspect/rc_local_facts.h"

namespace emglint::analysis {

// fs.nr_open: the highest open-files limit Linux lets any process set, even
// root, and where it was read.
struct NrOpen {
  static constexpr std::int64_t kernel_default = 1048576;
  std::int64_t value = kernel_default;
  std::string source = "the kernel's default";  // or "--nr-open", "/proc/sys/fs/nr_open"
};

// A `ulimit ... -n VALUE` of the boot script.
struct RcLocalUlimit {
  std::size_t command = 0;        // index into model.commands
  rclocal::OpenFilesValue value;  // with `$NAME` resolved from the plain assignments made before it, if it can be
  // What Linux and the shell make of the value: a number they take, one
  // emglint cannot know (a `$NAME` it cannot follow; bash's `hard` and `soft`,
  // the limits in force at boot), or one they refuse, which fails the command.
  enum class Value { number, unknown, unlimited, above_nr_open, not_a_number };
  Value kind = Value::number;
  // Refused before the watchdog while `-e` is in force: the script stops there.
  bool stops_script = false;
  // Why its soft limit cannot reach the watchdog wherever it stands; `none`
  // when it can. A limit belongs to a process and the children it starts
  // afterwards: one set in a subshell, another `su -c`, the background or a
  // pipeline ends with that process.
  enum class Miss { none, hard_only, subshell, other_su, background, pipeline };
  Miss miss = Miss::none;

  [[nodiscard]] bool refused() const {
    return kind == Value::unlimited || kind == Value::above_nr_open || kind == Value::not_a_number;
  }
};

struct RcLocalAnalysis {
  std::optional<std::size_t> watchdog;     // index into model.commands
  std::optional<std::size_t> watchdog_su;  // the `su ... -c '...'` the watchdog runs in, if any
  std::vector<RcLocalUlimit> ulimits;      // every command setting `ulimit -n`, in order
  // Of those that can give the watchdog its soft limit: the last one before
  // the watchdog, else the first one (after it). An index into model.commands.
  std::optional<std::size_t> applied_ulimit;
  std::optional<std::size_t> early_exit;  // an unconditional `exit` before the watchdog
  NrOpen nr_open;                         // what the ulimit values were judged against

  // The applied ulimit; nullptr when there is none.
  [[nodiscard]] const RcLocalUlimit* applied() const;
  // Whether the applied ulimit runs inside the watchdog's own `su -c`, before
  // it: inherited, and set after su's PAM session.
  [[nodiscard]] bool ulimit_in_watchdog_su(const rclocal::RcLocalModel& model) const;
};

[[nodiscard]] RcLocalAnalysis analyze_rc_local(const rclocal::RcLocalModel& model, std::string_view watchdog_pattern,
                                               NrOpen nr_open = {});

}  // namespace emglint::analysis
