// EMG103 backend-not-tokyocabinet: the active BACKEND is not TokyoCabinet before the commit phase.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const config::Option* backend = context.analysis.index.active_backend();
  // No active BACKEND is EMG101's case; `BACKEND` without a value is EMG006's.
  if (backend == nullptr || !backend->value || backend->value->empty() || !backend->value_span) return;
  const std::string_view meant = meant_value(*backend->value);
  const BackendStore store_kind = backend_store(meant);
  if (store_kind == BackendStore::empty || store_kind == BackendStore::tokyocabinet) return;

  const std::string shown = shown_option(context.config, *backend);
  const std::string store = store_kind == BackendStore::leveldb
                                ? std::string("the LevelDB store")
                                : fmt::format("the store of DB profile `{}`", shortened(meant));
  auto finding = findings.report(
      *backend->value_span,
      fmt::format("`{}` is active before the commit phase: 7.1 cannot read {}, so the messages 7.2 queues there "
                  "are lost on a downgrade",
                  shown, store));
  finding->fix = Fix{
      .applicability = Applicability::unsafe,
      .description = fmt::format("set `{}` to `TC`", backend->key),
      .edits = {{.file = finding->file, .span = *backend->value_span, .replacement = "TC", .shown_replacement = {}}},
      .actions = {}};
}

}  // namespace

extern const Rule emg103_backend_not_tokyocabinet{
    .info = {.id = "EMG103",
             .name = "backend-not-tokyocabinet",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::unsafe,
             .scope = Scope::config,
             .summary = "The active BACKEND is not TokyoCabinet (TC or FILE) before the commit phase."},
    .check = check,
};

}  // namespace emglint::rules
