#include "rules/report.h"

namespace emglint::rules {

std::string_view to_string(TargetKind kind) { return kind == TargetKind::installation ? "installation" : "config"; }

std::string display_path(const TargetReport& target, const Finding& finding) {
  if (target.kind == TargetKind::config || finding.file.starts_with('/')) return finding.file;
  if (target.path.ends_with('/')) return target.path + finding.file;
  return target.path + "/" + finding.file;
}

}  // namespace emglint::rules
