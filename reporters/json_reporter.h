// The JSON report of contract.md (`schema_version` 1).
#pragma once

#include <ostream>
#include <string_view>

#include "rules/report.h"

namespace emglint::reporters {

void write_json(std::ostream& out, const rules::Report& report, std::string_view tool_version);

}  // namespace emglint::reporters
