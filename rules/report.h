// What a check run hands to the reporters: targets with their phase and facts,
// and findings. Reporters see this and rule metadata, nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace emglint::rules {

enum class TargetKind { installation, config };
[[nodiscard]] std::string_view to_string(TargetKind kind);

struct TargetReport {
  std::string path;  // as the user named it (or as found below a repository)
  TargetKind kind = TargetKind::config;
  PhaseDecision phase;
  TargetFacts facts;
};

struct ReportedFinding {
  std::size_t target = 0;  // index into Report::targets
  Finding finding;
};

struct Report {
  std::vector<TargetReport> targets;
  std::vector<ReportedFinding> findings;  // sorted by target, file, line, column, rule
  std::vector<std::string> problems;      // files that could not be read, for the summary
};

// Where a finding's file is, as a path a user can open from where emglint ran.
[[nodiscard]] std::string display_path(const TargetReport& target, const Finding& finding);

}  // namespace emglint::rules
