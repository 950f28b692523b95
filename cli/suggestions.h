// "Did you mean ...?": the known word nearest to one that names nothing, as
// ruff and git suggest them, for options, commands, rules and settings keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::cli {

// The candidate nearest to `word`, within config::edit_distance_limit; the
// first of equally near ones; nullopt when none is near.
[[nodiscard]] std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace emglint::cli
