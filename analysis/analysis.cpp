#include "analysis/analysis.h"

#include <fmt/format.h>

#include "analysis/phase_detection.h"

namespace emglint::analysis {

const ToolResolution* TargetAnalysis::tool(std::string_view name) const { return resolution_of(tools, name); }

const ToolBinary* TargetAnalysis::binary(std::string_view name) const { return binary_named(binaries, name); }

void analyze(TargetAnalysis& analysis, std::string_view config_name, const inspect::Installation* installation,
             const inspect::RcLocalFacts* rc_local, const inspect::PamLimitsFacts* pam_limits,
             const CheckSettings& settings, std::optional<report::Phase> pinned) {
  if (pinned) {
    analysis.phase.requested = pinned;
    analysis.phase.effective = *pinned;
    analysis.phase.evidence.push_back("--phase " + std::string(report::to_string(*pinned)));
  }
  if (!analysis.index.config().is_text) {
    // Bytes that are not text say nothing of the installation; a phase read
    // from them, or from their absence, would be a guess.
    if (!pinned) {
      analysis.phase.detected = false;
      analysis.phase.certain = false;
      analysis.phase.evidence.push_back(fmt::format("{} is not a text file", config_name));
    }
    return;
  }
  analysis.vocabulary = Vocabulary(settings.known_keywords);
  if (settings.inline_ignores) analysis.inline_suppressions = find_inline_suppressions(analysis.index);
  if (installation != nullptr) {
    analysis.binaries = resolve_binaries(*installation);
    analysis.tools = resolve_tools(*installation, analysis.binaries);
  }
  if (installation != nullptr && installation->dist) analysis.distribution = distribution_release(*installation);
  if (rc_local != nullptr && rc_local->exists && rc_local->read_error.empty()) {
    NrOpen nr_open;
    if (settings.nr_open) {
      nr_open = {.value = *settings.nr_open, .source = "--nr-open"};
    } else if (rc_local->nr_open) {
      nr_open = {.value = *rc_local->nr_open, .source = "/proc/sys/fs/nr_open"};
    }
    analysis.rc_local = analyze_rc_local(rc_local->model, settings.watchdog_pattern, nr_open);
    if (pam_limits != nullptr) {
      const inspect::UserAccount* owner =
          installation != nullptr && installation->owner_account ? &*installation->owner_account : nullptr;
      analysis.watchdog_pam = watchdog_pam_limits(*pam_limits, rc_local->model, *analysis.rc_local, owner);
    }
  }
  analysis.open_files_limits =
      open_files_limits(settings, installation, rc_local, analysis.rc_local ? &*analysis.rc_local : nullptr,
                        analysis.watchdog_pam ? &*analysis.watchdog_pam : nullptr);
  analysis.facts = compute_facts(analysis.index.config(), settings, analysis.open_files_limits);
  const std::int64_t recommended = recommended_open_files(*analysis.facts.open_files_needed);
  const std::int64_t ceiling = analysis.rc_local ? analysis.rc_local->nr_open.value
                                                 : settings.nr_open.value_or(NrOpen::kernel_default);
  if (recommended <= ceiling) analysis.recommended_ulimit = recommended;
  if (!pinned) {
    analysis.phase =
        detect_phase(analysis.index, config_name, installation, analysis.tools, analysis.inline_suppressions);
  }
}

}  // namespace emglint::analysis
