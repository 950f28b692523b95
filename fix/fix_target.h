// `--fix` and `--diff` on one target: plan every fix in memory, then print
// the plan (`--diff`) or execute it beneath the target's directory (`--fix`)
// and check the target again as a fresh check would.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "fix/planner.h"
#include "report/report.h"

namespace emglint::fix {

struct FixOutcome {
  // What is left after fixing, with what was fixed; with --diff, the findings
  // as they are and, in `fixed`, what --fix would apply. nullopt when
  // server.cfg could not be read.
  std::optional<report::TargetReport> report;
  std::vector<std::string> problems;  // each worth exit code 2
  std::string diff;                   // --diff: the patch, then the filesystem steps as shell commands
};

// How the target is read from disk: check::load_target, or what a test hands in.
using Loader = std::function<check::TargetInput()>;

[[nodiscard]] FixOutcome fix_target(const check::TargetSpec& spec, const check::CheckOptions& options,
                                    std::optional<report::Phase> pinned, const FixOptions& fix_options);
[[nodiscard]] FixOutcome fix_with(const check::TargetSpec& spec, const Loader& load, const Checker& check,
                                  std::optional<report::Phase> pinned, const FixOptions& fix_options);

}  // namespace emglint::fix
