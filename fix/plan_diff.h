// What `--diff` prints of a plan: the patch of every text file it rewrites
// (passwords masked, and then said to be for reading only), then its
// filesystem steps as the shell commands an operator would type.
#pragma once

#include <string>

#include "check/check.h"
#include "fix/plan.h"

namespace emglint::fix {

[[nodiscard]] std::string plan_diff(const check::TargetSpec& spec, const check::TargetInput& input, const Plan& plan);

}  // namespace emglint::fix
