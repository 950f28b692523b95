// Carries a fix plan out beneath the directories it names, each opened once:
// every path is reached through a directory descriptor without following a
// link, every step first checks that what it changes is as the plan saw it,
// and the first step that cannot be made stops the run with nothing of that
// step left behind.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fix/plan.h"
#include "report/finding.h"

namespace emglint::fix {

struct ExecutionRoots {
  std::string target;                   // canonical path of Root::target
  std::optional<std::string> rc_local;  // canonical path of the directory of the real rc.local (Root::rc_local)
};

struct Execution {
  std::vector<bool> texts_done;      // per Plan::texts
  std::vector<bool> actions_done;    // per Plan::actions
  std::vector<std::string> backups;  // TextWrite::backup_display of each backup made
  // Why the run stopped; nullopt: every step is done. The steps before the one
  // it stopped at stay written; that one wrote nothing, unless it was made but
  // its directory could not be synced, and then it counts as done.
  std::optional<std::string> stopped;
};

// Texts first, in order, then actions, in order. Between any two writes it
// calls fix::step(), so that a test can stop the process there. A step whose
// rename or link is made but whose directory cannot be synced counts as done
// and still stops the run.
[[nodiscard]] Execution execute(const Plan& plan, const ExecutionRoots& roots);

// The action as the shell command an operator would type in the target.
[[nodiscard]] std::string shell_command(const report::FsAction& action);
// `word` quoted for sh when it holds anything but plain path characters.
[[nodiscard]] std::string shell_word(std::string_view word);

}  // namespace emglint::fix
