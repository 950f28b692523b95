#include "analysis/rc_local_analysis.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

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

RcLocalUlimit::Value value_kind(const rclocal::OpenFilesValue& value, rclocal::ShellDialect dialect,
                                std::int64_t nr_open) {
  using Value = RcLocalUlimit::Value;
  if (!value.resolved) return Value::unknown;
  const std::string& word = *value.resolved;
  // Linux refuses any open-files limit above fs.nr_open, so `unlimited` too.
  if (word == "unlimited") return Value::unlimited;
  if (dialect == rclocal::ShellDialect::bash && (word == "hard" || word == "soft")) return Value::unknown;
  if (value.limit) return *value.limit > nr_open ? Value::above_nr_open : Value::number;
  // Digits too many for a number are a number above any fs.nr_open.
  const bool digits =
      !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? Value::above_nr_open : Value::not_a_number;
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

RcLocalAnalysis analyze_rc_local(const rclocal::RcLocalModel& model, std::string_view watchdog_pattern,
                                 NrOpen nr_open) {
  RcLocalAnalysis analysis;
  analysis.nr_open = std::move(nr_open);
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
  bool errexit = model.errexit;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const rclocal::ShellCommand& command = commands[i];
    const bool before_watchdog = !analysis.watchdog || i < *analysis.watchdog;
    const bool top_level = !command.in_su && !command.in_subshell && !command.conditional;
    if (const auto set = rclocal::sets_errexit(command); set && top_level) errexit = *set;
    const rclocal::ShellDialect dialect = rclocal::dialect_of(model, command);
    if (auto value = rclocal::ulimit_open_files(command, variables, dialect)) {
      RcLocalUlimit ulimit{.command = i, .value = std::move(*value)};
      ulimit.kind = value_kind(ulimit.value, dialect, analysis.nr_open.value);
      ulimit.miss = miss_of(command, ulimit.value, analysis.watchdog ? &commands[*analysis.watchdog] : nullptr);
      // A subshell inherits `-e` and fails with the command, which stops its
      // parent; su's shell, the background and a pipeline (which fails with its last part) do not.
      ulimit.stops_script = ulimit.refused() && errexit && before_watchdog && !command.guarded && !command.in_su &&
                            !command.background && !command.piped;
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
