#include "report/report.h"

namespace emglint::report {

std::string_view to_string(TargetKind kind) { return kind == TargetKind::installation ? "installation" : "config"; }

std::string_view to_string(SkippedCheck::Part part) {
  switch (part) {
    case SkippedCheck::Part::rule: break;
    case SkippedCheck::Part::fix: return "fix";
    case SkippedCheck::Part::running_emgd_source: return "running-emgd-source";
  }
  return "rule";
}

std::string skipped_name(const SkippedCheck& check) {
  // The rule ran and its findings are in the report: naming it alone would say it did not.
  switch (check.part) {
    case SkippedCheck::Part::rule: break;
    case SkippedCheck::Part::fix: return std::string(check.rule) + "'s fix";
    case SkippedCheck::Part::running_emgd_source: return std::string(check.rule) + "'s running-emgd source";
  }
  return std::string(check.rule);
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
      // A fix held back only by another's overlap is still one --fix may apply: that other may not run.
      if (!finding.fix || (!finding.fix->applicable && !finding.fix->overlaps_earlier_fix)) continue;
      if (finding.fix->applicability == Applicability::safe) ++summary.safe_fixes;
      if (finding.fix->applicability == Applicability::unsafe) ++summary.unsafe_fixes;
    }
  }
  return summary;
}

}  // namespace emglint::report
