// EMG104 backend-still-set: BACKEND=TC or FILE is still active in the commit phase.
#include <fmt/format.h>

#include <initializer_list>

#include "rules/keywords.h"
#include "rules/phase_detection.h"
#include "rules/rule.h"
#include "rules/secrets.h"
#include "rules/text_edits.h"

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
  const config::ConfigModel& config = context.config;
  const config::Option* backend = active_backend(config);
  // Commented out or absent is what the commit phase asks for; a BACKEND
  // without a value is EMG006's case.
  if (backend == nullptr || !backend->value || backend->value->empty()) return;
  const std::string shown = fmt::format("{}={}", backend->key, shown_value(config, *backend));

  const std::string_view meant = meant_value(*backend->value);
  if (is_store(meant, {"LEVELDB"})) {
    auto& note = findings.report(option_text_span(*backend),
                                 fmt::format("`{}` is the 7.2 default: the line may stay, though the procedure "
                                             "comments BACKEND out at commit",
                                             shown));
    note.severity = Severity::info;
    return;
  }
  // A DB profile as the store (a MongoDB BACKEND) is a 7.2 setup in its own right.
  if (!is_store(meant, {"TC", "FILE"})) return;

  auto& finding = findings.report(
      option_text_span(*backend),
      fmt::format("`{}` is still active in the commit phase: 7.2 keeps using the TokyoCabinet store instead of "
                  "LevelDB; the procedure comments the line out",
                  shown));
  // Every TC/FILE line goes: commenting out only the last would let an
  // earlier one take over, and a second `--fix` would find it.
  Fix fix{.safety = FixSafety::safe, .description = {}, .edits = {}, .actions = {}};
  for (const config::Option* option : general_options(config, "BACKEND")) {
    if (option->value && is_store(meant_value(*option->value), {"TC", "FILE"})) {
      fix.edits.push_back(comment_out_line(config, finding.file, option->span.line));
    }
  }
  fix.description = fix.edits.size() == 1
                        ? fmt::format("comment out `{}`", shown)
                        : fmt::format("comment out the {} BACKEND lines set to TC or FILE", fix.edits.size());
  finding.fix = std::move(fix);
}

}  // namespace

extern const Rule emg104_backend_still_set{
    .info = {.id = "EMG104",
             .name = "backend-still-set",
             .phases = {Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::config,
             .summary = "BACKEND=TC or FILE is still active in the commit phase."},
    .check = check,
};

}  // namespace emglint::rules
