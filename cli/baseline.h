// Baselines adopt a fleet as it is: `--write-baseline FILE` records today's
// findings, `--baseline FILE` reports those recorded as suppressed (they do
// not fail the run) and only new ones as findings. An entry is keyed by rule,
// path and object, never the line, so it survives unrelated edits; it may carry
// a reason and an expiry date, after which it no longer suppresses.
//
// Paths are relative to the baseline file's own directory (schema version 2),
// so that any spelling of PATH, from any working directory, finds the same
// entries. Two findings about one object are told apart by the hash of their
// line with its neighbours first, by their order only then. A version 1 file
// (paths relative to the PATH checked, objects numbered `#2` by order) is read
// as it was written; writing over it writes version 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace emglint::cli {

struct BaselineEntry {
  std::string rule;
  // Version 2: relative to the baseline file's directory, '/'-separated, or
  // absolute outside it. Version 1: relative to the PATH checked.
  std::string path;
  // Version 2: without the ` #N` that tells apart findings about one object.
  std::string object;
  std::uint64_t line_hash = 0;  // version 2; 0 when not recorded
  std::string reason;
  std::string expires;  // YYYY-MM-DD (the last day it suppresses), empty for never
};

struct Baseline {
  int schema_version = 2;
  std::string directory;  // where the file is, absolute and canonical: what version 2 paths are relative to
  std::vector<BaselineEntry> entries;
};

// The absolute, canonical directory of the baseline file `path` (which need not exist yet).
[[nodiscard]] std::string baseline_directory(const std::string& path);

// The baseline in `text`, read from a file in `directory`, or a message
// saying what is wrong and where.
struct ParsedBaseline {
  std::optional<Baseline> baseline;
  std::string problem;
};
[[nodiscard]] ParsedBaseline parse_baseline(std::string_view text, std::string directory);

// Every finding that is not suppressed inline, as the text of a version 2
// baseline file in `directory`; those `previous` holds keep its reason and
// expiry, an expired one too (a refreshed baseline never renews an entry
// silently).
[[nodiscard]] std::string baseline_text(const std::vector<report::TargetReport>& targets, const Baseline* previous,
                                        const std::string& directory);

// Marks the findings the baseline holds as suppressed, unless their entry has
// expired by `today` (YYYY-MM-DD): then the finding counts, and says so.
void apply_baseline(std::vector<report::TargetReport>& targets, const Baseline& baseline, std::string_view today);

// Today's date in the local time zone, YYYY-MM-DD.
[[nodiscard]] std::string today();

}  // namespace emglint::cli
