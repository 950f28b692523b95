// The upgrade procedure as data: each step of each phase, what it asks in a
// sentence of our own, the rules whose findings in a check of that phase say
// it is not done, and the steps before it that it needs.
#pragma once

#include <string_view>
#include <vector>

#include "report/phase.h"

namespace emglint::plan {

struct Step {
  report::Phase phase;
  int number = 0;  // its place in the procedure's list for the phase, from 1
  std::string_view action;
  // Findings of these rules, in a check of `phase`, mean the step is not
  // done; none at all makes it a step emglint cannot see (a manual one).
  std::vector<std::string_view> rules;
  // The earlier steps of the same phase it cannot be done before.
  std::vector<int> needs;
  // What to type, where one command does it; empty where it varies.
  std::string_view command;
};

// Every step, phase by phase in the procedure's order.
[[nodiscard]] const std::vector<Step>& procedure();

// The steps of one phase, in order.
[[nodiscard]] std::vector<const Step*> steps_of(report::Phase phase);

}  // namespace emglint::plan
