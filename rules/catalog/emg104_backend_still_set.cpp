// EMG104 backend-still-set: BACKEND=TC or FILE is still active in the commit phase.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const config::ConfigModel& config = context.config;
  const config::Option* backend = context.analysis.index.active_backend();
  // Commented out or absent is what the commit phase asks for; a BACKEND
  // without a value is EMG006's case.
  if (backend == nullptr || !backend->value || backend->value->empty()) return;
  const std::string shown = shown_option(config, *backend);

  const BackendStore store = backend_store(*backend->value);
  if (store == BackendStore::leveldb) {
    auto note = findings.report(option_text_span(*backend),
                                fmt::format("`{}` is the 7.2 default: the line may stay, though the procedure "
                                            "comments BACKEND out at commit",
                                            shown));
    note->severity = Severity::info;
    return;
  }
  // A DB profile as the store (a MongoDB BACKEND) is a 7.2 setup in its own right.
  if (store != BackendStore::tokyocabinet) return;

  auto finding = findings.report(
      option_text_span(*backend),
      fmt::format("`{}` is still active in the commit phase: 7.2 keeps using the TokyoCabinet store instead of "
                  "LevelDB; the procedure comments the line out",
                  shown));
  // Every TC/FILE line goes: commenting out only the last would let an
  // earlier one take over, and a second `--fix` would find it.
  Fix fix{.applicability = Applicability::safe, .description = {}, .edits = {}, .actions = {}};
  for (const config::Option* option : context.analysis.index.general("BACKEND")) {
    if (is_tokyocabinet(*option)) {
      fix.edits.push_back(comment_out_line(context.analysis.index, finding->file, option->span.line));
    }
  }
  fix.description = fix.edits.size() == 1
                        ? fmt::format("comment out `{}`", shown)
                        : fmt::format("comment out the {} BACKEND lines set to TC or FILE", fix.edits.size());
  finding->fix = std::move(fix);
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
