// The merged fleet in each output format of `emglint merge`; the same fleet
// gives the same bytes.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "merge/fleet.h"

namespace emglint::merge {

// The merged JSON report: `hosts[]` (name, status, exit code, phase, summary,
// the reason of an `error` or `missing` host, the targets as each check wrote
// them), every finding as its check wrote it with its `host` first, and the
// fleet's summary.
void write_json(std::ostream& out, const Fleet& fleet, std::string_view tool_version);

struct SarifOutput {
  bool per_host = false;  // one run per host, not one for the fleet
  // What describes the tool when no host sent a log to take its driver from.
  std::string tool_version;
  std::string information_uri;
};

// One SARIF log: one run for the fleet, or one run per host. Every host has
// its invocation with `machine`, its exit code and notifications; a host
// without a usable log an unsuccessful one saying why.
void write_sarif(std::ostream& out, const Fleet& fleet, const SarifOutput& output);

// A table: host, phase, status, errors, warnings, infos, and the reason of a
// host that is `error` or `missing`; then the fleet's total.
void write_text(std::ostream& out, const Fleet& fleet);

}  // namespace emglint::merge
