#include "fix/steps.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace emglint::fix {

void step() {
  static const long pause_ms = [] {
    const char* value = std::getenv("EMGLINT_TEST_STEP_PAUSE_MS");
    return value != nullptr ? std::strtol(value, nullptr, 10) : 0L;
  }();
  if (pause_ms <= 0) return;
  if (const char* log = std::getenv("EMGLINT_TEST_STEP_LOG")) std::ofstream(log, std::ios::app) << "step\n" << std::flush;
  std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
}

}  // namespace emglint::fix
