// Why a step of the fix executor did not happen. The executor's helpers throw
// it, and execute() catches it at one place: the run stops there, and every
// helper's own guards have undone what the step had begun.
#pragma once

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace emglint::fix {

class StepFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The step is done and cannot be taken back, but syncing it failed: the run
// stops here, and the step counts as done.
class DoneButNotSynced : public StepFailure {
 public:
  using StepFailure::StepFailure;
};

// "cannot WHAT SHOWN: the system's reason", for the errno `error`.
[[noreturn]] inline void fail_with(int error, std::string_view what, std::string_view shown) {
  throw StepFailure(fmt::format("cannot {} {}: {}", what, shown, std::strerror(error)));
}

[[noreturn]] inline void fail_with_errno(std::string_view what, std::string_view shown) {
  fail_with(errno, what, shown);
}

}  // namespace emglint::fix
