#include "report/report.h"

namespace emglint::report {

std::string_view to_string(TargetKind kind) { return kind == TargetKind::installation ? "installation" : "config"; }

std::string_view to_string(SkippedCheck::Part part) { return part == SkippedCheck::Part::fix ? "fix" : "rule"; }

std::string skipped_name(const SkippedCheck& check) {
  // The rule ran and its findings are in the report: naming it alone would say it did not.
  return check.part == SkippedCheck::Part::fix ? std::string(check.rule) + "'s fix" : std::string(check.rule);
}

Summary summarize(const std::vector<TargetReport>& targets) {
  Summary summary;
  for (const TargetReport& target : targets) {
    summary.fixed += target.fixed.size();
    for (const Finding& finding : target.findings) {
      if (finding.suppression) {
        ++summary.suppressed;
        continue;
      }
      ++summary.by_severity[static_cast<std::size_t>(finding.severity)];
      if (!finding.fix || !finding.fix->applicable) continue;
      if (finding.fix->applicability == Applicability::safe) ++summary.safe_fixes;
      if (finding.fix->applicability == Applicability::unsafe) ++summary.unsafe_fixes;
    }
  }
  return summary;
}

}  // namespace emglint::report
