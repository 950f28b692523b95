// A count of the steps taken by the loops whose cost could outgrow their input
// (over lines, words, findings, suppressions), so that a test can double an
// input and check that the work at most about doubles, without timing anything.
#pragma once

#include <cstdint>

namespace emglint::report {

// Per thread: checks of several targets run side by side.
inline thread_local std::uint64_t work_steps = 0;

inline void count_work(std::uint64_t steps = 1) noexcept { work_steps += steps; }

}  // namespace emglint::report
