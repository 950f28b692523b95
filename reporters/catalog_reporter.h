// `emglint rules`: the catalog as a table or as JSON.
#pragma once

#include <ostream>
#include <span>

#include "report/finding.h"

namespace emglint::reporters {

void write_rules_text(std::ostream& out, std::span<const report::RuleInfo* const> rules);
void write_rules_json(std::ostream& out, std::span<const report::RuleInfo* const> rules);

}  // namespace emglint::reporters
