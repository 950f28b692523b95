// Baselines adopt a fleet as it is: `--write-baseline FILE` records today's
// findings, `--baseline FILE` reports those recorded as suppressed (they do
// not fail the run) and only new ones as findings. An entry is keyed by rule,
// path and object, never the line, so it survives unrelated edits; it may carry
// a reason and an expiry date, after which it no longer suppresses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace emglint::cli {

struct BaselineEntry {
  std::string rule;
  std::string path;  // the file as the report names it relative to the PATH checked
  std::string object;
  std::string reason;
  std::string expires;  // YYYY-MM-DD (the last day it suppresses), empty for never
};

struct Baseline {
  std::vector<BaselineEntry> entries;
};

// The baseline in `text`, or a message saying what is wrong and where.
struct ParsedBaseline {
  std::optional<Baseline> baseline;
  std::string problem;
};
[[nodiscard]] ParsedBaseline parse_baseline(std::string_view text);

// Every finding that is not suppressed inline, as a baseline file's text;
// those `previous` holds keep its reason and expiry, an expired one too (a
// refreshed baseline never renews an entry silently).
[[nodiscard]] std::string baseline_text(const std::vector<report::TargetReport>& targets, const Baseline* previous);

// Marks the findings the baseline holds as suppressed, unless their entry has
// expired by `today` (YYYY-MM-DD): then the finding counts, and says so.
void apply_baseline(std::vector<report::TargetReport>& targets, const Baseline& baseline, std::string_view today);

// Today's date in the local time zone, YYYY-MM-DD.
[[nodiscard]] std::string today();

}  // namespace emglint::cli
