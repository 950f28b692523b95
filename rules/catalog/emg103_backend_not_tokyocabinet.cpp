// EMG103 backend-not-tokyocabinet: the active BACKEND is not TokyoCabinet before the commit phase.
#include <fmt/format.h>

#include <initializer_list>

#include "rules/keywords.h"
#include "rules/phase_detection.h"
#include "rules/rule.h"
#include "rules/secrets.h"

namespace emglint::rules {

namespace {

// The value as the operator meant it, without a ` #...` after it: whether EMG
// reads that as a comment is not documented, and EMG007 reports it.
std::string_view meant_value(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if (value[i] == '#' && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
      value = value.substr(0, i);
      break;
    }
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

bool is_store(std::string_view value, std::initializer_list<std::string_view> stores) {
  for (std::string_view store : stores) {
    if (iequals(value, store)) return true;
  }
  return false;
}

void check(const CheckContext& context, Findings& findings) {
  const config::Option* backend = active_backend(context.config);
  // No active BACKEND is EMG101's case; `BACKEND` without a value is EMG006's.
  if (backend == nullptr || !backend->value || backend->value->empty() || !backend->value_span) return;
  const std::string_view meant = meant_value(*backend->value);
  if (meant.empty() || is_store(meant, {"TC", "FILE"})) return;

  const std::string shown = shown_value(context.config, *backend);
  const std::string store = is_store(meant, {"LEVELDB"}) ? std::string("the LevelDB store")
                                                          : fmt::format("the store of DB profile `{}`", meant);
  auto& finding = findings.report(
      *backend->value_span,
      fmt::format("`{}={}` is active before the commit phase: 7.1 cannot read {}, so the messages 7.2 queues there "
                  "are lost on a downgrade",
                  backend->key, shown, store));
  finding.fix = Fix{.safety = FixSafety::unsafe,
                    .description = fmt::format("set `{}` to `TC`", backend->key),
                    .edits = {{.file = finding.file, .span = *backend->value_span, .replacement = "TC",
                               .shown_replacement = {}}},
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
