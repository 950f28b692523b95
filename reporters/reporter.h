// One interface for every output format: a reporter writes a finished report
// to a stream as it walks it, never building the whole output in memory.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>

#include "report/report.h"

namespace emglint::reporters {

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void write(std::ostream& out, const report::Report& report) const = 0;
};

struct TextOptions {
  bool color = false;
  bool quiet = false;  // findings and the phase of each target, no summary
};

// `path:line:col: severity[ID] message`, the source line with a caret, and a
// summary with the phase and why.
[[nodiscard]] std::unique_ptr<Reporter> text_reporter(const TextOptions& options);
// The JSON report of contract.md (`schema_version` 1).
[[nodiscard]] std::unique_ptr<Reporter> json_reporter(std::string_view tool_version);

}  // namespace emglint::reporters
