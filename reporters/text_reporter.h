// The text report: `path:line:col: severity[ID] message`, the source line with
// a caret, and a summary with the phase and why.
#pragma once

#include <ostream>

#include "rules/report.h"

namespace emglint::reporters {

struct TextOptions {
  bool color = false;
  bool quiet = false;  // findings only, no summary
};

void write_text(std::ostream& out, const rules::Report& report, const TextOptions& options);

}  // namespace emglint::reporters
