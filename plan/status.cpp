#include "plan/status.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace emglint::plan {

namespace {

// Why a rule did not run here, or nullopt when it ran. A rule the report
// lists as not run for want of an input (EMG303 without --probe-versions)
// runs, but can find nothing.
std::optional<std::string> why_not_run(const report::TargetReport& report, std::string_view rule) {
  for (const report::SkippedCheck& skipped : report.skipped) {
    if (skipped.rule == rule && skipped.part == report::SkippedCheck::Part::rule) {
      return fmt::format("{} did not run ({})", rule, skipped.reason);
    }
  }
  if (std::binary_search(report.rules_run.begin(), report.rules_run.end(), rule)) return std::nullopt;
  return fmt::format("{} does not run on {}", rule,
                     report.kind == report::TargetKind::installation ? "this installation" : "a config");
}

StepState state_of(const Step& step, const report::TargetReport& report) {
  StepState state{.step = &step};
  if (step.rules.empty()) {
    state.why = "no check of emglint sees it";
    return state;
  }
  for (const report::Finding& finding : report.findings) {
    if (finding.suppression) continue;
    if (std::find(step.rules.begin(), step.rules.end(), finding.rule->id) != step.rules.end()) {
      state.findings.push_back(&finding);
    }
  }
  if (!state.findings.empty()) {
    state.status = StepStatus::todo;
    return state;
  }
  // Nothing found by rules that did not all run is no sign that it is done.
  std::vector<std::string> not_run;
  for (const std::string_view rule : step.rules) {
    if (auto why = why_not_run(report, rule)) not_run.push_back(std::move(*why));
  }
  if (!not_run.empty()) {
    state.why = fmt::format("{}", fmt::join(not_run, "; "));
    return state;
  }
  state.status = StepStatus::done;
  return state;
}

}  // namespace

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::done: return "done";
    case StepStatus::todo: return "todo";
    case StepStatus::blocked: return "blocked";
    case StepStatus::manual: return "manual";
  }
  return "manual";
}

std::vector<StepState> step_states(const report::TargetReport& report) {
  std::vector<StepState> states;
  for (const Step* step : steps_of(report.phase.effective)) {
    StepState state = state_of(*step, report);
    // Nothing found is no sign of a step that cannot be done yet (no error
    // in the log since a start that has not happened).
    if (state.status == StepStatus::todo || state.status == StepStatus::done) {
      for (const int needed : step->needs) {
        const StepState& before = states[static_cast<std::size_t>(needed - 1)];
        if (before.status == StepStatus::todo || before.status == StepStatus::blocked) {
          state.status = StepStatus::blocked;
          state.why = fmt::format("after step {}", needed);
          break;
        }
        // A step whose rules could not run here (--offline) leaves what needs it unknown too.
        if (state.status == StepStatus::done && before.status == StepStatus::manual && !before.step->rules.empty()) {
          state.status = StepStatus::manual;
          state.why = fmt::format("after step {}, which could not be checked here", needed);
        }
      }
    }
    states.push_back(std::move(state));
  }
  return states;
}

}  // namespace emglint::plan
