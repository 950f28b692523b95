// EMG001 syntax-error: the file cannot be parsed; one finding per bad line.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "rules/rule.h"

namespace emglint::rules {

namespace emg001 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// The parser quotes the byte it found; on a line whose password is masked, a
// byte inside the masked part is not quoted either.
std::string shown_message(const CheckContext& context, const config::SyntaxError& error) {
  const std::string_view text = context.config.line_text(error.at.line);
  const std::string masked = context.analysis.index.masked_line(error.at.line);
  const auto differs = std::mismatch(text.begin(), text.end(), masked.begin(), masked.end()).first - text.begin();
  const auto found = error.message.rfind(", found `");
  if (masked == text || found == std::string::npos || error.at.column - 1 < static_cast<std::size_t>(differs)) {
    return error.message;
  }
  return error.message.substr(0, found) + ", found `***`";
}

void check(const CheckContext& context, Findings& findings) {
  const auto& config = context.config;
  if (!config.is_text) {
    // About the whole file: its "line" would be binary bytes, which no report shows.
    findings.report_path(context.config_file, config.errors.front().message + ", so nothing else in it is checked");
    return;
  }
  for (const auto& error : config.errors) findings.report(error.at, shown_message(context, error));
  // The parser records a bounded number; the rest are counted with those the
  // bound leaves out, at the last line, so that the count ends the list.
  if (config.errors_not_recorded > 0) {
    findings.count_left_out(config.line_span(config.lines.size()), config.errors_not_recorded);
  }
}

}  // namespace emg001

extern const Rule emg001_syntax_error{
    .info = {.id = "EMG001",
             .name = "syntax-error",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A line of server.cfg is not a comment, an option, a block header or a block end."},
    .check = emg001::check,
};

}  // namespace emglint::rules
