// EMG102 backend-not-at-top: the active BACKEND comes after the first block instead of at the top of the file.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg102 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const config::ConfigModel& config = context.config;
  const config::Option* backend = context.analysis.index.active_backend();
  // No active BACKEND is EMG101's case.
  if (backend == nullptr || backend->before_first_block()) return;

  const config::Block& first = config.blocks.front();
  const std::string shown = context.analysis.index.shown_option(*backend);
  auto finding = findings.report(
      option_text_span(*backend),
      fmt::format("`{}` stands at line {}, after the first block (`{} {}` at line {}); EMG documents general "
                  "options at the top of the file, before any block",
                  shown, backend->line(), first.kind(), first.name(), first.line()));

  // With two BACKEND lines (EMG003), moving the last one above the other
  // would make the other the active one: the operator has to choose.
  if (context.analysis.index.general("BACKEND").size() > 1) return;
  const std::size_t top = top_of_general_section(config);
  // The line as written, less any indentation it had among the blocks.
  const std::string_view moved =
      std::string_view(config.source)
          .substr(backend->key_span().begin, backend->span().end - backend->key_span().begin);
  finding->fix = Fix{.applicability = Applicability::safe,
                     .description = fmt::format("move the `{}` line to the top of the general section", backend->key()),
                     .edits = {insert_line_before(context.analysis.index, finding->file, top, moved),
                               delete_line(context.analysis.index, finding->file, backend->line())},
                     .actions = {}};
}

}  // namespace emg102

extern const Rule emg102_backend_not_at_top{
    .info = {.id = "EMG102",
             .name = "backend-not-at-top",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::warning,
             .fix = FixAvailability::safe,
             .scope = Scope::config,
             .summary = "The active BACKEND comes after the first block instead of at the top of the file."},
    .check = emg102::check,
};

}  // namespace emglint::rules
