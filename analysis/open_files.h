// The open-files limit EMG needs (twice the connector instances) and the
// limits that apply: --ulimit, the rc.local `ulimit -n`, the limit PAM sets
// when the watchdog starts through `su`, running emgd processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/pam_limits.h"
#include "analysis/rc_local_analysis.h"
#include "analysis/settings.h"
#include "inspect/installation.h"
#include "inspect/rc_local_facts.h"
#include "parser/config_model.h"
#include "report/report.h"

namespace emglint::analysis {

struct OpenFilesLimit {
  enum class Source { option, rc_local, pam, process };
  Source source = Source::option;
  std::int64_t limit = 0;            // -1: unlimited
  std::string where;                 // "--ulimit", "/etc/rc.local:12", "/proc/4242/limits", "limits.conf:3"
  std::size_t rc_local_command = 0;  // for Source::rc_local: index into the model's commands
  // Set when the rc.local `ulimit -n` value cannot be read (`$NOFILE` that
  // nothing sets before it): a limit of unknown size, never compared.
  std::optional<std::string> unresolved;
  std::string file;  // for Source::pam: the limits file, without the line
};

// --ulimit replaces the detected limits; otherwise every detected one counts.
// `rc_local_analysis` goes with `rc_local`: both or neither. `watchdog_pam`:
// what PAM does when the watchdog starts through `su`, if known.
[[nodiscard]] std::vector<OpenFilesLimit> open_files_limits(const CheckSettings& settings,
                                                            const inspect::Installation* installation,
                                                            const inspect::RcLocalFacts* rc_local,
                                                            const RcLocalAnalysis* rc_local_analysis,
                                                            const WatchdogPamLimits* watchdog_pam = nullptr);

// connector_instances, open_files_needed, every limit with its source, and the
// binding one: the lowest, where -1 (unlimited) is the highest.
[[nodiscard]] report::TargetFacts compute_facts(const config::ConfigModel& config, const CheckSettings& settings,
                                                const std::vector<OpenFilesLimit>& limits);

// The `ulimit -n` value the EMG601 fix writes: twice the instances, rounded up
// to a multiple of 1024, and at least 4096; the largest int64 where no
// multiple of 1024 is high enough.
[[nodiscard]] std::int64_t recommended_open_files(std::int64_t needed);

}  // namespace emglint::analysis
