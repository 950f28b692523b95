// Marks the steps of a write, so that a test can stop the process between any
// two of them: with EMGLINT_TEST_STEP_PAUSE_MS set, each step first sleeps
// that long. Unset, a step costs one branch.
#pragma once

namespace emglint::fix {

void step();

}  // namespace emglint::fix
