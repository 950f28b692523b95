// EMG101 backend-missing: no BACKEND is active in the general section before the commit phase.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg101 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Why the BACKEND the operator may think is there does not count, if one is there.
std::string inert_backend_note(const ConfigIndex& index) {
  const config::ConfigModel& config = index.config();
  for (const auto& block : config.blocks) {
    if (const config::Option* backend = block_option(block, "BACKEND")) {
      return fmt::format(" (the `{}` at line {} stands inside block `{} {}`, where EMG ignores it)",
                         index.shown_option(*backend), backend->line(), block.kind(), block.name());
    }
  }
  if (const config::Comment* comment = index.commented_backend()) {
    return fmt::format(" (the one at line {} is commented out)", comment->line());
  }
  return {};
}

// Where the finding points: the first character of the line the fix inserts
// before, or the end of a file that holds nothing but comments.
Span insertion_point(const config::ConfigModel& config, std::size_t line) {
  if (line <= config.lines.size()) {
    const Span at = config.line_span(line);
    const std::size_t width = at.end > at.begin ? 1 : 0;
    return {.line = at.line,
            .column = at.column,
            .end_line = at.line,
            .end_column = at.column + width,
            .begin = at.begin,
            .end = at.begin + width};
  }
  if (config.lines.empty()) {
    const std::size_t end = config.source.size();
    return {.line = 1, .column = 1, .end_line = 1, .end_column = 1, .begin = end, .end = end};
  }
  const Span last = config.line_span(config.lines.size());
  return {.line = last.line,
          .column = last.end_column,
          .end_line = last.line,
          .end_column = last.end_column,
          .begin = last.end,
          .end = last.end};
}

void check(const CheckContext& context, Findings& findings) {
  // A BACKEND with another value (LEVELDB, a profile) is EMG103's case, an
  // empty one EMG006's: here only its absence is reported.
  if (context.analysis.index.active_backend() != nullptr) return;

  const std::size_t line = top_of_general_section(context.config);
  // The finding stands on the first line of content, so that the
  // `# emglint: ignore EMG101` above it silences it; BACKEND goes above both.
  std::size_t anchor = line;
  for (std::size_t next = line; next <= context.config.lines.size(); ++next) {
    const config::LineKind kind = context.config.lines[next - 1].kind;
    if (kind != config::LineKind::blank && kind != config::LineKind::comment) {
      anchor = next;
      break;
    }
  }
  auto finding = findings.report(
      insertion_point(context.config, anchor),
      fmt::format("no `BACKEND` is active in the general section{}; without `BACKEND=TC`, 7.2 stores messages in "
                  "LevelDB, which 7.1 cannot read after a downgrade",
                  inert_backend_note(context.analysis.index)));
  finding->object = "general/BACKEND";  // what is missing, not the line it would go before
  finding->fix = Fix{.applicability = Applicability::safe,
                     .description = "insert `BACKEND=TC` at the top of the general section",
                     .edits = {insert_line_before(context.analysis.index, finding->file, line, "BACKEND=TC")},
                     .actions = {}};
}

}  // namespace emg101

extern const Rule emg101_backend_missing{
    .info = {.id = "EMG101",
             .name = "backend-missing",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::config,
             .summary = "No BACKEND is active in the general section before the commit phase."},
    .check = emg101::check,
};

}  // namespace emglint::rules
