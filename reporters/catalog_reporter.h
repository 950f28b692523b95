// `emglint rules`: the catalog as a table or as JSON.
#pragma once

#include <ostream>

namespace emglint::reporters {

void write_rules_text(std::ostream& out);
void write_rules_json(std::ostream& out);

}  // namespace emglint::reporters
