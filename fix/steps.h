// Marks the steps of a write, so that a test can act between any two of them:
// with EMGLINT_TEST_STEP_PAUSE_MS set, each step first sleeps that long, and
// with EMGLINT_TEST_STEP_LOG set too, it first appends a line to that file,
// so the test knows the process waits there. With EMGLINT_TEST_KILL_AT_STEP=N
// the process kills itself with SIGKILL at its N-th step (counted from 1), so
// a test can stop a write at every step in turn, without timing. Unset, a
// step costs one branch.
#pragma once

namespace emglint::fix {

void step();

}  // namespace emglint::fix
