// One fuzz target under libFuzzer: fuzz_NAME runs the target NAME of
// fuzz_targets.cpp (EMGLINT_FUZZ_TARGET, set by tests/fuzz/CMakeLists.txt).
// A problem the target reports aborts, so libFuzzer keeps the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const emglint::fuzz::FuzzTarget* const target = [] {
    const emglint::fuzz::FuzzTarget* found = emglint::fuzz::find_fuzz_target(EMGLINT_FUZZ_TARGET);
    if (found == nullptr) {
      std::fprintf(stderr, "no fuzz target %s\n", EMGLINT_FUZZ_TARGET);
      std::abort();
    }
    return found;
  }();
  const auto problem = target->run(std::string_view(reinterpret_cast<const char*>(data), size));
  if (problem) {
    std::fprintf(stderr, "fuzz target %s: %s\n", EMGLINT_FUZZ_TARGET, problem->c_str());
    std::abort();
  }
  return 0;
}
