// One interface for every output format: a reporter writes a finished report
// to a stream as it walks it, never building the whole output in memory.
#pragma once

#include <memory>
#include <ostream>
#include <string_view>
#include <vector>

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

// A rule of the catalog as SARIF describes it: its metadata and its page.
struct RuleDocument {
  const report::RuleInfo* info = nullptr;
  std::string_view page;  // markdown, `emglint explain ID`; may be empty
};

struct SarifOptions {
  std::string_view tool_version;     // "0.1.0"
  std::string_view information_uri;  // the project's home page, absolute
  std::vector<RuleDocument> rules;   // the whole catalog, sorted by ID
};

// SARIF 2.1.0 (contract.md, "SARIF"): one run with every rule of the catalog,
// each finding as a result with one location, fixes and suppressions, and the
// exit code in its invocation.
[[nodiscard]] std::unique_ptr<Reporter> sarif_reporter(SarifOptions options);

// GitHub workflow commands: one `::error file=...::message` line per finding
// that is not suppressed, a line per file that could not be read, and unless
// `quiet` the summary as a plain line.
[[nodiscard]] std::unique_ptr<Reporter> github_reporter(bool quiet);

}  // namespace emglint::reporters
