// A fix plan: every write `--fix` makes on one target, in order, each with
// what it expects to find there. The planner makes it without touching the
// disk; `--diff` prints it; `--fix` executes it, the same plan byte for byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/finding.h"
#include "report/report.h"

namespace emglint::fix {

// The directories a plan may write beneath, each opened once by the executor.
enum class Root {
  target,    // the installation's directory, or the directory that holds a lone config
  rc_local,  // the directory the named rc.local really lies in (after its links)
};

// A text file rewritten once with every edit the fixes made to it.
struct TextWrite {
  Root root = Root::target;
  std::string path;             // relative to the root, no link on the way: the file itself
  std::string display;          // how reports name the file
  std::uint64_t original_hash;  // the bytes the fixes were made on; anything else is left alone
  std::size_t original_size = 0;  // how many there were: a file of another size has changed
  std::string bytes;            // the new content
  // The name (relative to the root) the original is kept under, beside the
  // file: `server.cfg.emglint-bak`, or `.1`, `.2`, ... when that is taken;
  // nullopt with --no-backup. The name must be free when the step runs.
  std::optional<std::string> backup;
  std::string backup_display;  // how reports name the backup
  // The mode a later step of the plan gives the file (EMG902's chmod): the
  // backup is never more readable than the file after the fix.
  std::optional<std::uint32_t> mode_after;
};

// One fix as planned: what reports list as fixed once all its steps are done.
struct PlannedFix {
  report::AppliedFix applied;
  std::vector<std::size_t> texts;    // indices into Plan::texts its edits went into
  std::vector<std::size_t> actions;  // indices into Plan::actions
};

struct Plan {
  std::vector<TextWrite> texts;            // executed first, each file once
  std::vector<report::FsAction> actions;   // then these, in order, paths relative to Root::target
  std::vector<PlannedFix> fixes;
  std::vector<std::string> not_fixed;      // fixes refused, and why
  std::vector<std::string> problems;       // each worth exit code 2 (a plan that did not settle)

  [[nodiscard]] bool empty() const { return texts.empty() && actions.empty(); }
};

}  // namespace emglint::fix
