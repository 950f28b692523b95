// EMG802 leveldb-before-commit: spool/leveldb holds data while BACKEND is TokyoCabinet, or in a downgrade.
#include <fmt/format.h>

#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg802 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

std::string size_of(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024ull * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024));
}

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  if (installation.leveldb != inspect::StoreState::not_empty) return;
  const std::string held = fmt::format("spool/leveldb holds {}", size_of(installation.leveldb_bytes));
  // In a downgrade 7.1 is about to run, and it reads TokyoCabinet only: what
  // sits in LevelDB is lost to it whatever BACKEND says (also after a commit).
  if (context.phase.effective == Phase::downgrade) {
    auto finding = findings.report_path("spool/leveldb",
                                        fmt::format("{}: 7.1 will not read those messages once it runs again", held));
    finding->severity = Severity::error;
    return;
  }
  const config::Option* backend = context.analysis.index.active_backend();
  // Without BACKEND=TC the store is meant to be LevelDB: EMG101 and EMG103 speak to that.
  if (backend == nullptr || !is_tokyocabinet(*backend)) return;
  findings.report_path("spool/leveldb", fmt::format("{} while {} at {}:{}: 7.1 will not see what is in it", held,
                                                    context.analysis.index.shown_option(*backend), context.config_name,
                                                    backend->line()));
}

}  // namespace emg802

extern const Rule emg802_leveldb_before_commit{
    .info = {.id = "EMG802",
             .name = "leveldb-before-commit",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary =
                 "spool/leveldb holds data while BACKEND is TokyoCabinet, or in a downgrade whatever BACKEND says.",
             .reads_config = true},
    .check = emg802::check,
};

}  // namespace emglint::rules
