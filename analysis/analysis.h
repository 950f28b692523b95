// The facts of one target that several rules read, computed once: the config
// index, where each name of a tool in bin/ leads and what each tool runs, the
// distribution's release, the rc.local analysis, the open-files limits and the
// report's numbers, and the phase decision.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config_index.h"
#include "analysis/distribution.h"
#include "analysis/inline_suppressions.h"
#include "analysis/keywords.h"
#include "analysis/open_files.h"
#include "analysis/pam_limits.h"
#include "analysis/rc_local_analysis.h"
#include "analysis/settings.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "inspect/pam_limits_facts.h"
#include "inspect/rc_local_facts.h"
#include "parser/config_model.h"
#include "report/report.h"

namespace emglint::analysis {

struct TargetAnalysis {
  explicit TargetAnalysis(const config::ConfigModel& config) : index(config) {}

  ConfigIndex index;
  Vocabulary vocabulary;                    // the built-in keywords and those the settings declare
  std::vector<ToolBinary> binaries;         // for an installation, in bin/'s order, pointing into it
  std::vector<ToolResolution> tools;        // per inspect::emg_tools, for an installation
  std::optional<DistributionRelease> distribution;  // for an installation checked with --dist
  std::optional<RcLocalAnalysis> rc_local;  // when an rc.local is checked and was read
  // What PAM does to the limit when the watchdog starts through `su`, and PAM's files were inspected.
  std::optional<WatchdogPamLimits> watchdog_pam;
  std::vector<OpenFilesLimit> open_files_limits;
  report::TargetFacts facts;
  // The `ulimit -n` value fixes write (recommended_open_files); nullopt when
  // it lies above fs.nr_open, where Linux would refuse it at boot.
  std::optional<std::int64_t> recommended_ulimit;
  report::PhaseDecision phase;
  InlineSuppressions inline_suppressions;  // none with --no-inline-ignores

  // What bin/TOOL runs; nullptr for a lone config or a name outside the seven tools.
  [[nodiscard]] const ToolResolution* tool(std::string_view name) const;
  // bin/NAME, a tool or a versioned copy of one; nullptr for a lone config or no such name.
  [[nodiscard]] const ToolBinary* binary(std::string_view name) const;
};

// `pinned`: the phase to check against; nullopt detects it. `pam_limits` goes with `rc_local`.
void analyze(TargetAnalysis& analysis, std::string_view config_name, const inspect::Installation* installation,
             const inspect::RcLocalFacts* rc_local, const inspect::PamLimitsFacts* pam_limits,
             const CheckSettings& settings, std::optional<report::Phase> pinned);

}  // namespace emglint::analysis
