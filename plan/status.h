// Where a target stands in one phase of the procedure: each step's status,
// read from a report checked in that phase.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plan/steps.h"
#include "report/report.h"

namespace emglint::plan {

// done: every rule of the step ran and found nothing; todo: one found
// something; blocked: not done, after an earlier step it needs that is todo
// or blocked; manual: emglint cannot tell (a step no rule sees, or whose
// rules did not all run here).
enum class StepStatus { done, todo, blocked, manual };
[[nodiscard]] std::string_view to_string(StepStatus status);

struct StepState {
  const Step* step = nullptr;
  StepStatus status = StepStatus::manual;
  std::vector<const report::Finding*> findings;  // its rules' findings that count (not suppressed)
  std::string why;                               // what makes it blocked or manual
};

// The steps of the phase `report` was checked in, in order. Only a report
// checked in that phase tells its steps: run the check with --phase first.
[[nodiscard]] std::vector<StepState> step_states(const report::TargetReport& report);

}  // namespace emglint::plan
