#include "report/phase.h"

namespace emglint::report {

std::string_view to_string(Phase phase) {
  switch (phase) {
    case Phase::prepare: return "prepare";
    case Phase::start: return "start";
    case Phase::downgrade: return "downgrade";
    case Phase::commit: return "commit";
  }
  return "prepare";
}

std::optional<Phase> phase_from_string(std::string_view text) {
  for (Phase phase : all_phases_in_order) {
    if (to_string(phase) == text) return phase;
  }
  return std::nullopt;
}

}  // namespace emglint::report
