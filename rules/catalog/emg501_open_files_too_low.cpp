// EMG501 open-files-too-low: a known open-files limit is below twice the connector instances.
#include <fmt/format.h>

#include "inspect/rc_local_facts.h"
#include "rules/open_files.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

// The rc.local line's number, as a span the fix can rewrite.
std::optional<Span> number_span(const inspect::RcLocalFacts& rc_local, const rclocal::ShellCommand& command,
                                std::int64_t value) {
  const std::string& text = rc_local.model.lines[command.line - 1];
  const std::string number = std::to_string(value);
  const auto ulimit = text.find("ulimit");
  if (ulimit == std::string::npos) return std::nullopt;
  const auto at = text.find(number, ulimit);
  if (at == std::string::npos) return std::nullopt;
  const std::size_t begin = rc_local.model.line_offsets[command.line - 1] + at;
  return Span{command.line, at + 1, command.line, at + 1 + number.size(), begin, begin + number.size()};
}

void check(const CheckContext& context, Findings& findings) {
  const std::int64_t needed = *context.facts.open_files_needed;
  for (const OpenFilesLimit& limit : open_files_limits(context.settings, context.installation, context.rc_local)) {
    if (limit.limit < 0 || limit.limit >= needed) continue;
    const std::string message =
        fmt::format("the open-files limit {} from {} is below {}, twice the {} connector instances", limit.limit,
                    limit.where, needed, context.facts.connector_instances);
    switch (limit.source) {
      case OpenFilesLimit::Source::option:
        findings.report_path(context.config_file, message);
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
        auto& finding = findings.report_in(rc_local.path, *span, message, rc_local.model.lines[command.line - 1]);
        const std::string raised = std::to_string(recommended_open_files(needed));
        finding.fix = Fix{.safety = FixSafety::safe,
                          .description = fmt::format("raise `ulimit -n {}` to {}", limit.limit, raised),
                          .edits = {{.file = rc_local.path, .span = *span, .replacement = raised, .shown_replacement = raised}},
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
