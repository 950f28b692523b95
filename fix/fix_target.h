// `--fix` and `--diff` on one target: check, apply the fixes allowed, check
// again through the same pipeline with the same phase, until a round changes
// nothing; then write each changed text file once, atomically, its original
// kept beside it. `--diff` plans the same and changes nothing.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.h"
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

// Rounds of fixing before a target that keeps changing is given up (and its texts rolled back).
inline constexpr int max_rounds = 10;

struct FixOutcome {
  // What is left after fixing, with what was fixed; with --diff, the findings
  // as they are and, in `fixed`, what --fix would apply. nullopt when
  // server.cfg could not be read.
  std::optional<report::TargetReport> report;
  std::vector<std::string> problems;  // each worth exit code 2
  std::string diff;                   // --diff: the patch, then the filesystem actions as shell commands
};

// How a round reads the target from disk and checks it: check::load_target
// and check::check_target, or what a test hands in.
using Loader = std::function<check::TargetInput()>;
using Checker = std::function<report::TargetReport(const check::TargetInput&, std::optional<report::Phase>)>;

[[nodiscard]] FixOutcome fix_target(const check::TargetSpec& spec, const check::CheckOptions& options,
                                    std::optional<report::Phase> pinned, const FixOptions& fix_options);
[[nodiscard]] FixOutcome fix_with(const check::TargetSpec& spec, const Loader& load, const Checker& check,
                                  std::optional<report::Phase> pinned, const FixOptions& fix_options);

// `bytes` with the edits made; the edits are of this one file, sorted by
// (begin, end) and not overlapping. nullopt when they are not so, or fall
// outside the file: a broken plan never becomes a broken file.
[[nodiscard]] std::optional<std::string> apply_text_edits(std::string_view bytes, std::span<const report::TextEdit> edits);

}  // namespace emglint::fix
