// The planner: `--fix` and `--diff` without touching the disk. It checks the
// target, applies one round of fixes that do not overlap to an overlay of it
// (text files as edited buffers, bin/ as a table the planned steps change),
// checks the overlay again, and repeats until a round changes nothing. What
// it returns is the plan: every write, in order, with what it expects to find.
#pragma once

#include <sys/types.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "check/check.h"
#include "fix/executor.h"
#include "fix/plan.h"
#include "report/report.h"

namespace emglint::fix {

struct FixOptions {
  bool write = false;   // --fix; false is --diff: plan everything, change nothing
  bool unsafe = false;  // --unsafe-fixes: unsafe fixes too (display-only ones never)
  bool backup = true;   // false: --no-backup
  // A boot script is edited only when the operator named it (--rc-local FILE
  // on the command line), never /etc/rc.local found by default, and only for
  // one target at a time: targets sharing one would each plan their own edit.
  bool rc_local_named = false;
  bool rc_local_shared = false;
};

// Rounds of fixing before a target that keeps changing is given up.
inline constexpr int max_rounds = 10;

// How a round checks the target: check::check_target, or what a test hands in.
using Checker = std::function<report::TargetReport(const check::TargetInput&, std::optional<report::Phase>)>;

// The plan for `input` as `first` (its check against `phase`) reports it,
// its writes beneath `roots` (plan_roots). `caller` is the user emglint runs
// as: what it creates is that user's, or bin/'s owner's for root.
[[nodiscard]] Plan plan_fixes(const check::TargetSpec& spec, const check::TargetInput& input,
                              const ExecutionRoots& roots, const report::TargetReport& first, const Checker& check,
                              report::Phase phase, const FixOptions& options, uid_t caller);

// Where a plan's roots lie: the installation, or the directory of a lone
// config, and the directory the named rc.local really lies in.
[[nodiscard]] ExecutionRoots plan_roots(const check::TargetSpec& spec, const check::TargetInput& input);

// `bytes` with the edits made; the edits are of this one file, sorted by
// (begin, end) and not overlapping. nullopt when they are not so, or fall
// outside the file: a broken plan never becomes a broken file.
[[nodiscard]] std::optional<std::string> apply_text_edits(std::string_view bytes,
                                                          std::span<const report::TextEdit> edits);

}  // namespace emglint::fix
