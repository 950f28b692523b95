// Runs the rules that apply to a target's phase and scope, and hands back
// their findings sorted, with source lines attached and secrets masked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace emglint::rules {

// Whether a `--select`/`--ignore` word (an ID or an ID prefix, any case) names the rule.
[[nodiscard]] bool names_rule(std::string_view pattern, std::string_view rule_id);

// `--select` / `--ignore`: rule IDs or ID prefixes (`EMG2`, `EMG201`).
struct Selection {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;
  [[nodiscard]] bool selects(std::string_view rule_id) const;
};

// A message longer than this is cut: a 50 MB value must not make a 50 MB report.
inline constexpr std::size_t max_message_size = 1024;

[[nodiscard]] std::vector<Finding> run_rules(const CheckContext& context, const Selection& selection);

// Order findings by file, line, column, rule: the same input gives the same bytes.
void sort_findings(std::vector<Finding>& findings);

}  // namespace emglint::rules
