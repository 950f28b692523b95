#include "cli/suggestions.h"

#include "parser/words.h"

namespace emglint::cli {

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = config::edit_distance_limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = config::edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace emglint::cli
