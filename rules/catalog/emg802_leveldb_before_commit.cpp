// EMG802 leveldb-before-commit: spool/leveldb holds data while BACKEND is TokyoCabinet.
#include <fmt/format.h>

#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  if (context.installation->leveldb != inspect::StoreState::not_empty) return;
  const config::Option* backend = context.analysis.index.active_backend();
  // Without BACKEND=TC the store is meant to be LevelDB: EMG101 and EMG103 speak to that.
  if (backend == nullptr || !is_tokyocabinet(*backend)) return;
  auto finding = findings.report_path(
      "spool/leveldb", fmt::format("spool/leveldb holds data while {} at {}:{}: 7.1 will not see what is in it",
                                   shown_option(context.config, *backend), context.config_name, backend->span.line));
  // In a downgrade, 7.1 is about to run: what sits in LevelDB is lost to it.
  if (context.phase.effective == Phase::downgrade) finding->severity = Severity::error;
}

}  // namespace

extern const Rule emg802_leveldb_before_commit{
    .info = {.id = "EMG802",
             .name = "leveldb-before-commit",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "spool/leveldb holds data while BACKEND is TokyoCabinet."},
    .check = check,
};

}  // namespace emglint::rules
