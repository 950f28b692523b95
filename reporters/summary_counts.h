// The counts that end a text report and GitHub's annotations alike.
#pragma once

#include <string>

#include "report/report.h"

namespace emglint::reporters {

// `2 fixed; 1 error, 0 warnings, 3 infos, 1 suppressed`: errors and warnings
// always, as contract.md shows them, the rest when there are some.
[[nodiscard]] std::string summary_counts(const report::Report& report);

}  // namespace emglint::reporters
