// EMG001 syntax-error: the file cannot be parsed; one finding per bad line.
#include <fmt/format.h>

#include "rules/rule.h"

namespace emglint::rules {

namespace {

void check(const CheckContext& context, Findings& findings) {
  const auto& config = context.config;
  for (const auto& error : config.errors) findings.report(error.at, error.message);
  if (config.errors_not_recorded > 0) {
    // At the last line, so that it reads as the end of the list.
    findings.report(config.lines.back().span,
                    fmt::format("{} more syntax errors are not shown; is this file a server.cfg?",
                                config.errors_not_recorded));
  }
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
