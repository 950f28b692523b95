// EMG801 log-errors-since-start: log/general has problem lines after its last start-up line.
#include <fmt/format.h>

#include "analysis/general_log.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg801 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

constexpr std::size_t max_reported_lines = 20;

void check(const CheckContext& context, Findings& findings) {
  const auto& log = context.installation->general_log;
  if (!log || !log->last_start) return;  // no start-up to compare with: nothing to say about "since"
  const auto& problems = log->problems_since_start;
  for (std::size_t i = 0; i < problems.size() && i < max_reported_lines; ++i) {
    const auto& line = problems[i];
    findings.report_in(context.installation->general_log_path,
                       Span{line.line, 1, line.line, line.text.size() + 1, 0, 0},
                       fmt::format("{} logged since emgd started at line {}",
                                   problem_log_word(line.text).value_or("problem"), log->last_start->line),
                       line.text);
  }
  const std::size_t more = problems.size() + log->problems_not_kept - std::min(problems.size(), max_reported_lines);
  if (more == 0) return;
  // At the first line not reported, so that the count reads as the end of the list.
  const auto& first_unreported = problems[max_reported_lines];
  findings.report_in(context.installation->general_log_path,
                     Span{first_unreported.line, 1, first_unreported.line, first_unreported.text.size() + 1, 0, 0},
                     fmt::format("{} more error or warning lines from here on, since emgd started at line {}", more,
                                 log->last_start->line),
                     first_unreported.text);
}

}  // namespace emg801

extern const Rule emg801_log_errors_since_start{
    .info = {.id = "EMG801",
             .name = "log-errors-since-start",
             .phases = {Phase::start, Phase::commit},
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "log/general has error or warning lines after its last start-up line."},
    .check = emg801::check,
};

}  // namespace emglint::rules
