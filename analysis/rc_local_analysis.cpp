#include "analysis/rc_local_analysis.h"

#include <algorithm>
#include <map>
#include <string>

namespace emglint::analysis {

namespace {

bool mentions(const rclocal::ShellCommand& command, std::string_view pattern) {
  for (const auto& word : command.words) {
    if (word.find(pattern) != std::string::npos) return true;
  }
  return false;
}

// Why the soft limit of a `ulimit -n` cannot reach the watchdog (`watchdog`: nullptr when there is none).
RcLocalUlimit::Miss miss_of(const rclocal::ShellCommand& ulimit, const rclocal::OpenFilesValue& value,
                            const rclocal::ShellCommand* watchdog) {
  using Miss = RcLocalUlimit::Miss;
  if (!value.soft) return Miss::hard_only;
  if (ulimit.background) return Miss::background;
  if (ulimit.piped) return Miss::pipeline;
  // Inside the watchdog's own `su -c`, the watchdog is one of its children.
  if (ulimit.in_su && (watchdog == nullptr || !watchdog->in_su || watchdog->line != ulimit.line)) return Miss::other_su;
  // A subshell reaches only what runs inside it: `(ulimit -n 4096; start_watchdog)` is fine.
  static const std::vector<std::size_t> top_level;
  const auto& enclosing = watchdog != nullptr ? watchdog->subshells : top_level;
  const bool inside_all_of_them = ulimit.subshells.size() <= enclosing.size() &&
                                  std::equal(ulimit.subshells.begin(), ulimit.subshells.end(), enclosing.begin());
  if (!inside_all_of_them) return Miss::subshell;
  return Miss::none;
}

}  // namespace

const RcLocalUlimit* RcLocalAnalysis::applied() const {
  if (!applied_ulimit) return nullptr;
  const auto at = std::find_if(ulimits.begin(), ulimits.end(),
                               [&](const RcLocalUlimit& ulimit) { return ulimit.command == *applied_ulimit; });
  return at == ulimits.end() ? nullptr : &*at;
}

bool RcLocalAnalysis::ulimit_in_watchdog_su(const rclocal::RcLocalModel& model) const {
  if (!applied_ulimit || !watchdog || *applied_ulimit > *watchdog) return false;
  const auto& ulimit = model.commands[*applied_ulimit];
  const auto& started = model.commands[*watchdog];
  return ulimit.in_su && started.in_su && ulimit.line == started.line;
}

RcLocalAnalysis analyze_rc_local(const rclocal::RcLocalModel& model, std::string_view watchdog_pattern) {
  RcLocalAnalysis analysis;
  std::map<std::string, std::string> variables;
  const auto& commands = model.commands;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (analysis.watchdog || watchdog_pattern.empty() || !mentions(commands[i], watchdog_pattern)) continue;
    // `su emg -c '... emg_watchdog.pl'` is followed by its inner commands:
    // the watchdog is the innermost command that mentions the pattern.
    std::size_t innermost = i;
    while (innermost + 1 < commands.size() && commands[innermost + 1].in_su && !commands[i].in_su &&
           commands[innermost + 1].line == commands[i].line) {
      ++innermost;
      if (mentions(commands[innermost], watchdog_pattern)) break;
    }
    analysis.watchdog = mentions(commands[innermost], watchdog_pattern) ? innermost : i;
    if (innermost != i && rclocal::is_su(commands[i])) analysis.watchdog_su = i;
  }
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (auto value = rclocal::ulimit_open_files(commands[i], variables, rclocal::dialect_of(model, commands[i]))) {
      RcLocalUlimit ulimit{.command = i, .value = std::move(*value)};
      ulimit.miss = miss_of(commands[i], ulimit.value, analysis.watchdog ? &commands[*analysis.watchdog] : nullptr);
      analysis.ulimits.push_back(std::move(ulimit));
    }
    if (auto assignment = rclocal::plain_assignment(commands[i])) {
      // Set only on some paths through the script: its value at the ulimit is unknown.
      if (commands[i].conditional || commands[i].in_subshell || commands[i].in_su) {
        variables.erase(assignment->first);
      } else {
        variables[assignment->first] = assignment->second;
      }
    }
    const bool before_watchdog = !analysis.watchdog || i < *analysis.watchdog;
    if (!analysis.early_exit && analysis.watchdog && before_watchdog && !commands[i].words.empty() &&
        commands[i].words.front() == "exit" && !commands[i].conditional && !commands[i].in_subshell &&
        !commands[i].in_su) {
      analysis.early_exit = i;
    }
  }
  for (const RcLocalUlimit& ulimit : analysis.ulimits) {
    if (ulimit.miss != RcLocalUlimit::Miss::none) continue;
    const bool before_watchdog = !analysis.watchdog || ulimit.command < *analysis.watchdog;
    if (before_watchdog || !analysis.applied_ulimit) analysis.applied_ulimit = ulimit.command;
    if (!before_watchdog) break;
  }
  return analysis;
}

}  // namespace emglint::analysis
