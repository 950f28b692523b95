#include "rules/rc_local_analysis.h"

namespace emglint::rules {

namespace {

bool mentions(const rclocal::ShellCommand& command, std::string_view pattern) {
  for (const auto& word : command.words) {
    if (word.find(pattern) != std::string::npos) return true;
  }
  return false;
}

std::string_view line_ending(const rclocal::RcLocalModel& model) {
  const auto newline = model.source.find('\n');
  return newline != std::string::npos && newline > 0 && model.source[newline - 1] == '\r' ? "\r\n" : "\n";
}

}  // namespace

config::Span rc_local_line_span(const inspect::RcLocalFacts& rc_local, std::size_t line) {
  const std::size_t begin = rc_local.model.line_offsets[line - 1];
  const std::size_t size = rc_local.model.lines[line - 1].size();
  return {line, 1, line, size + 1, begin, begin + size};
}

TextEdit insert_rc_local_line(const inspect::RcLocalFacts& rc_local, std::size_t before_line, const std::string& text) {
  const std::size_t at = rc_local.model.line_offsets[before_line - 1];
  return {.file = rc_local.path,
          .span = {before_line, 1, before_line, 1, at, at},
          .replacement = text + std::string(line_ending(rc_local.model)),
          .shown_replacement = {}};
}

TextEdit delete_rc_local_line(const inspect::RcLocalFacts& rc_local, std::size_t line) {
  const auto& model = rc_local.model;
  const std::size_t begin = model.line_offsets[line - 1];
  const bool last = line == model.lines.size();
  const std::size_t end = last ? model.source.size() : model.line_offsets[line];
  return {.file = rc_local.path,
          .span = {line, 1, last ? line : line + 1, last ? model.lines[line - 1].size() + 1 : 1, begin, end},
          .replacement = {},
          .shown_replacement = {}};
}

RcLocalAnalysis analyze_rc_local(const rclocal::RcLocalModel& model, std::string_view watchdog_pattern) {
  RcLocalAnalysis analysis;
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
  }
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (rclocal::ulimit_open_files(commands[i])) analysis.ulimits.push_back(i);
    const bool before_watchdog = !analysis.watchdog || i < *analysis.watchdog;
    if (!analysis.early_exit && analysis.watchdog && before_watchdog && !commands[i].words.empty() &&
        commands[i].words.front() == "exit" && !commands[i].conditional && !commands[i].in_subshell &&
        !commands[i].in_su) {
      analysis.early_exit = i;
    }
  }
  for (std::size_t index : analysis.ulimits) {
    if (analysis.watchdog && index > *analysis.watchdog) break;
    analysis.applied_ulimit = index;
  }
  if (!analysis.applied_ulimit && !analysis.ulimits.empty()) analysis.applied_ulimit = analysis.ulimits.front();
  return analysis;
}

}  // namespace emglint::rules
