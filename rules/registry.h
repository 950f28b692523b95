// The catalog: every rule, sorted by ID, in one explicit table.
#pragma once

#include <span>
#include <string_view>

#include "rules/rule.h"

namespace emglint::rules {

[[nodiscard]] std::span<const Rule* const> all_rules();
[[nodiscard]] const Rule* find_rule(std::string_view id);  // case-insensitive

}  // namespace emglint::rules
