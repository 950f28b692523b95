// Each rule's page (rules/catalog/emgNNN_name.md), built into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace emglint::rules {

struct RulePage {
  std::string_view id;
  std::string_view markdown;
};

[[nodiscard]] const std::vector<RulePage>& rule_pages();  // generated
[[nodiscard]] std::string_view page_of(std::string_view id);  // empty when the rule has none

}  // namespace emglint::rules
