#include "fix/steps.h"

#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace emglint::fix {

namespace {

long number_from_environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::strtol(value, nullptr, 10) : 0L;
}

}  // namespace

void step() {
  static const long pause_ms = number_from_environment("EMGLINT_TEST_STEP_PAUSE_MS");
  static const long kill_at = number_from_environment("EMGLINT_TEST_KILL_AT_STEP");
  static std::atomic<long> steps_made{0};
  if (kill_at > 0 && ++steps_made == kill_at) ::raise(SIGKILL);
  if (pause_ms <= 0) return;
  if (const char* log = std::getenv("EMGLINT_TEST_STEP_LOG")) std::ofstream(log, std::ios::app) << "step\n" << std::flush;
  std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
}

}  // namespace emglint::fix
