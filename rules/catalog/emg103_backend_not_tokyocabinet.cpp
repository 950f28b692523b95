// EMG103 backend-not-tokyocabinet: the active BACKEND is not TokyoCabinet before the commit phase.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg103 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const config::Option* backend = context.analysis.index.active_backend();
  // No active BACKEND is EMG101's case; `BACKEND` without a value is EMG006's.
  if (backend == nullptr || !backend->value() || backend->value()->empty()) return;
  const std::string_view value = *backend->value();
  const BackendStore store_kind = backend_store(value);
  if (store_kind == BackendStore::empty || store_kind == BackendStore::tokyocabinet) return;

  const std::string shown = context.analysis.index.shown_option(*backend);
  Fix fix{.applicability = Applicability::unsafe,
          .description = fmt::format("set `{}` to `TC`", backend->key()),
          .edits = {{.file = context.config_file,
                     .span = *backend->value_span(),
                     .replacement = "TC",
                     .shown_replacement = {}}},
          .actions = {}};
  std::string message;
  if (store_kind == BackendStore::unreadable) {
    // EMG reads the whole value (EMG007); the text after ` #` moves to a
    // comment line of its own, so the fix loses none of it.
    const std::string_view meant = meant_value(value);
    message = fmt::format("`{}` is active before the commit phase, and EMG reads its whole value `{}`, which is "
                          "neither `TC` nor `FILE`: EMG documents no comment after a value",
                          shown, context.analysis.index.shown_value(*backend));
    if (meant_backend_store(value) == BackendStore::tokyocabinet) {
      const std::string comment = std::string(value.substr(*inline_comment_at(value)));
      fix.edits.front().replacement = std::string(meant);
      fix.edits.insert(fix.edits.begin(),
                       insert_line_before(context.analysis.index, context.config_file, backend->line(), comment));
      fix.description = fmt::format("keep `{}=TC` and move `{}` to a comment line above it", backend->key(),
                                    context.analysis.index.quoted(comment));
    }
  } else {
    const std::string store = store_kind == BackendStore::leveldb
                                  ? std::string("the LevelDB store")
                                  : fmt::format("the store of DB profile `{}`", context.analysis.index.quoted(value));
    message = fmt::format("`{}` is active before the commit phase: 7.1 cannot read {}, so the messages 7.2 queues "
                          "there are lost on a downgrade",
                          shown, store);
  }
  auto finding = findings.report(*backend->value_span(), message);
  finding->fix = std::move(fix);
}

}  // namespace emg103

extern const Rule emg103_backend_not_tokyocabinet{
    .info = {.id = "EMG103",
             .name = "backend-not-tokyocabinet",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::unsafe,
             .scope = Scope::config,
             .summary = "The active BACKEND is not TokyoCabinet (TC or FILE) before the commit phase."},
    .check = emg103::check,
};

}  // namespace emglint::rules
