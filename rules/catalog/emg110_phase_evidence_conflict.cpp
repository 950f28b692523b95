// EMG110 phase-evidence-conflict: --phase auto found signs of two phases.
#include <fmt/format.h>

#include <string>

#include "rules/rule.h"

namespace emglint::rules {

namespace emg110 {

std::string listed(const std::vector<std::string>& evidence) {
  std::string text;
  for (const std::string& item : evidence) text += (text.empty() ? "" : "; ") + item;
  return text;
}

void check(const CheckContext& context, Findings& findings) {
  const report::PhaseDecision& phase = context.phase;
  // A phase given with --phase is the operator's decision, not a reading.
  if (phase.requested || phase.certain || phase.alternatives.empty()) return;
  std::string others;
  for (const report::PhaseReading& reading : phase.alternatives) {
    others +=
        fmt::format("{}{} ({})", others.empty() ? "" : ", or ", to_string(reading.phase), listed(reading.evidence));
  }
  auto finding = findings.report_path(
      context.config_file,
      fmt::format("the signs disagree: checked as {} ({}), but they also read as {}; no fix is offered as safe until "
                  "`--phase` says which",
                  to_string(phase.effective), listed(phase.evidence), others));
  finding->object = "phase";
}

}  // namespace emg110

extern const Rule emg110_phase_evidence_conflict{
    .info = {.id = "EMG110",
             .name = "phase-evidence-conflict",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "The installation shows signs of two phases, so the detected phase is uncertain."},
    .check = emg110::check,
};

}  // namespace emglint::rules
