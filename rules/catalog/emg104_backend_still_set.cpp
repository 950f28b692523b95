// EMG104 backend-still-set: BACKEND=TC or FILE is still active in the commit phase.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg104 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const config::Option* backend = context.analysis.index.active_backend();
  // Commented out or absent is what the commit phase asks for; a BACKEND
  // without a value is EMG006's case.
  if (backend == nullptr || !backend->value() || backend->value()->empty()) return;
  const std::string shown = context.analysis.index.shown_option(*backend);

  const BackendStore store = backend_store(*backend->value());
  if (store == BackendStore::leveldb) {
    auto note = findings.report(option_text_span(*backend),
                                fmt::format("`{}` is the 7.2 default: the line may stay, though the procedure "
                                            "comments BACKEND out at commit",
                                            shown));
    note->severity = Severity::info;
    return;
  }
  // A DB profile as the store (a MongoDB BACKEND) is a 7.2 setup in its own right.
  // So is a value meant as one: commenting it out would switch to LevelDB (EMG705 reports the name).
  if (store != BackendStore::tokyocabinet && store != BackendStore::unreadable) return;
  if (store == BackendStore::unreadable && meant_backend_store(*backend->value()) == BackendStore::profile) return;

  const std::string consequence =
      store == BackendStore::tokyocabinet
          ? std::string("7.2 keeps using the TokyoCabinet store instead of LevelDB")
          : fmt::format("EMG reads its whole value `{}`, which names no store (EMG documents no comment after a "
                        "value)",
                        context.analysis.index.shown_value(*backend));
  auto finding = findings.report(
      option_text_span(*backend),
      fmt::format("`{}` is still active in the commit phase: {}; the procedure comments the line out", shown,
                  consequence));
  // Every TC/FILE line goes: commenting out only the last would let an
  // earlier one take over, and a second `--fix` would find it.
  Fix fix{.applicability = Applicability::safe, .description = {}, .edits = {}, .actions = {}};
  for (const config::Option* option : context.analysis.index.general("BACKEND")) {
    const BackendStore option_store = option->value() ? backend_store(*option->value()) : BackendStore::empty;
    const bool meant_profile =
        option_store == BackendStore::unreadable && meant_backend_store(*option->value()) == BackendStore::profile;
    if (option_store == BackendStore::tokyocabinet || (option_store == BackendStore::unreadable && !meant_profile)) {
      fix.edits.push_back(comment_out_line(context.analysis.index, finding->file, option->line()));
    }
  }
  fix.description = fix.edits.size() == 1
                        ? fmt::format("comment out `{}`", shown)
                        : fmt::format("comment out the {} BACKEND lines that keep TokyoCabinet",
                                      fix.edits.size());
  finding->fix = std::move(fix);
}

}  // namespace emg104

extern const Rule emg104_backend_still_set{
    .info = {.id = "EMG104",
             .name = "backend-still-set",
             .phases = {Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::config,
             .summary = "BACKEND=TC or FILE is still active in the commit phase."},
    .check = emg104::check,
};

}  // namespace emglint::rules
