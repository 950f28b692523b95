// EMG501 open-files-too-low: a known open-files limit is below twice the connector instances.
#include <fmt/format.h>

#include "analysis/open_files.h"
#include "inspect/rc_local_facts.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// The value of the `-n` option on the rc.local line (`-n 4096`, `-Sn 4096`,
// `-n4096`), as a span the fix can rewrite; nullopt when it cannot be found.
std::optional<Span> number_span(const inspect::RcLocalFacts& rc_local, const rclocal::ShellCommand& command,
                                std::int64_t value) {
  const std::string& text = rc_local.model.lines[command.line - 1];
  const std::string number = std::to_string(value);
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (auto at = text.find(number); at != std::string::npos; at = text.find(number, at + 1)) {
    const std::size_t end = at + number.size();
    if ((at > 0 && is_digit(text[at - 1])) || (end < text.size() && is_digit(text[end]))) continue;
    // The flag before it, blanks skipped (or joined to it, as in `-n4096`),
    // must start with `-` and end in `n`.
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t flag_end = at;
    while (flag_end > 0 && blank(text[flag_end - 1])) --flag_end;
    std::size_t flag_begin = flag_end;
    while (flag_begin > 0 && !blank(text[flag_begin - 1])) --flag_begin;
    const std::string_view flag = std::string_view(text).substr(flag_begin, flag_end - flag_begin);
    if (flag.size() < 2 || !flag.starts_with('-') || !flag.ends_with('n')) continue;
    const std::size_t begin = rc_local.model.line_offsets[command.line - 1] + at;
    return Span{command.line, at + 1, command.line, end + 1, begin, begin + number.size()};
  }
  return std::nullopt;
}

void check(const CheckContext& context, Findings& findings) {
  const std::int64_t needed = *context.facts.open_files_needed;
  for (const OpenFilesLimit& limit : context.analysis.open_files_limits) {
    if (limit.unresolved) {
      // Set, but to what cannot be read: say so rather than call it missing or low.
      const auto& rc_local = *context.rc_local;
      const auto& command = rc_local.model.commands[limit.rc_local_command];
      auto finding = findings.report_in(
          rc_local.path, rc_local_line_span(rc_local, command.line),
          fmt::format("the open-files limit `{}` at {} cannot be compared with the {} EMG needs: no plain assignment "
                      "before it sets its value",
                      shortened(*limit.unresolved), limit.where, needed),
          rc_local.model.lines[command.line - 1]);
      finding->severity = Severity::warning;
      continue;
    }
    if (limit.limit < 0 || limit.limit >= needed) continue;
    const std::string message =
        fmt::format("the open-files limit {} from {} is below {}, twice the {} connector instances", limit.limit,
                    limit.where, needed, context.facts.connector_instances);
    switch (limit.source) {
      case OpenFilesLimit::Source::option: findings.report_path(context.config_file, message); break;
      case OpenFilesLimit::Source::pam:
        findings.report_path(limit.file, message + "; pam_limits sets it when su starts the watchdog: raise it there");
        break;
      case OpenFilesLimit::Source::process:
        findings.report_path(limit.where, message + "; raise it where emgd is started, then restart emgd");
        break;
      case OpenFilesLimit::Source::rc_local: {
        const auto& rc_local = *context.rc_local;
        const auto& command = rc_local.model.commands[limit.rc_local_command];
        const auto span = number_span(rc_local, command, limit.limit);
        if (!span) {
          findings.report_path(rc_local.path, message);
          break;
        }
        auto finding = findings.report_in(rc_local.path, *span, message, rc_local.model.lines[command.line - 1]);
        const std::string raised = std::to_string(recommended_open_files(needed));
        finding->fix =
            Fix{.applicability = Applicability::safe,
                .description = fmt::format("raise `ulimit -n {}` to {}", limit.limit, raised),
                .edits = {{.file = finding->file, .span = *span, .replacement = raised, .shown_replacement = raised}},
                .actions = {}};
        break;
      }
    }
  }
}

}  // namespace

extern const Rule emg501_open_files_too_low{
    .info = {.id = "EMG501",
             .name = "open-files-too-low",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::open_files,
             .summary = "A known open-files limit is below twice the connector instances."},
    .check = check,
};

}  // namespace emglint::rules
