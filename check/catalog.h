// The rule catalog as the command line sees it: metadata and pages, by ID.
#pragma once

#include <string_view>
#include <vector>

#include "report/finding.h"

namespace emglint::check {

[[nodiscard]] std::vector<const report::RuleInfo*> catalog();          // sorted by ID
[[nodiscard]] const report::RuleInfo* find_rule(std::string_view id_or_name);  // case-insensitive
[[nodiscard]] std::string_view page_of(std::string_view id);           // empty when the rule has none
// Whether a `--select`/`--ignore` word (an ID or an ID prefix, any case) names the rule.
[[nodiscard]] bool names_rule(std::string_view pattern, std::string_view rule_id);

}  // namespace emglint::check
