// EMG001 syntax-error: the file cannot be parsed; one finding per bad line.
#include <fmt/format.h>

#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const auto& config = context.config;
  for (const auto& error : config.errors) findings.report(error.at, error.message);
  // The parser records a bounded number; the rest are counted with those the
  // bound leaves out, at the last line, so that the count ends the list.
  if (config.errors_not_recorded > 0) findings.count_left_out(config.lines.back().span, config.errors_not_recorded);
}

}  // namespace

extern const Rule emg001_syntax_error{
    .info = {.id = "EMG001",
             .name = "syntax-error",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A line of server.cfg is not a comment, an option, a block header or a block end."},
    .check = check,
};

}  // namespace emglint::rules
