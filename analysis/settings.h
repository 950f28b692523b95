// The user's overrides and assumptions (command line, later .emglint.toml)
// that the analysis and the rules read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/keywords.h"

namespace emglint::analysis {

struct CheckSettings {
  std::optional<std::int64_t> ulimit;     // --ulimit N
  std::optional<std::int64_t> instances;  // --instances N
  std::optional<std::int64_t> nr_open;    // --nr-open N: the fs.nr_open of the host the boot script runs on
  std::string watchdog_pattern = "emg_watchdog";
  bool probe_versions = false;     // --probe-versions
  bool offline = false;            // --offline: the installation is a copy that does not run here
  std::string dist;                // --dist DIR, empty when not given
  std::size_t max_findings = 100;  // per rule and file; 0 for no bound (--max-findings)
  // Keywords the user knows EMG takes (--known-keyword SCOPE:NAME): the vendor's vocabulary is larger than emglint's.
  std::vector<DeclaredKeyword> known_keywords;
  bool inline_ignores = true;  // false: --no-inline-ignores, every `# emglint: ignore` is inert
};

}  // namespace emglint::analysis
