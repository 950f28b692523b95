#include "reporters/summary_counts.h"

#include <fmt/format.h>

#include <string_view>

namespace emglint::reporters {

namespace {

std::string plural(std::size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

}  // namespace

std::string summary_counts(const report::Report& report) {
  using report::Severity;
  const report::Summary& summary = report.summary;
  std::string line = report.fixing ? fmt::format("{} fixed; ", summary.fixed) : std::string();
  line += fmt::format("{}, {}", plural(summary.count(Severity::error), "error"),
                      plural(summary.count(Severity::warning), "warning"));
  if (summary.count(Severity::info) > 0) line += ", " + plural(summary.count(Severity::info), "info");
  if (summary.suppressed > 0) line += fmt::format(", {} suppressed", summary.suppressed);
  return line;
}

}  // namespace emglint::reporters
