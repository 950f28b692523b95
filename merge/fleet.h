// `emglint merge`: the reports of several hosts, JSON reports or SARIF logs
// that `emglint check --host NAME` wrote, read back and combined into one
// fleet. Nothing here reads a file or decides an exit code: the command line
// hands in each file's bytes and maps the fleet's state to its exit code.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/finding.h"

namespace emglint::merge {

enum class Format { json, sarif };
[[nodiscard]] std::string_view to_string(Format format);

// One REPORT of the command line, as it was read.
struct ReportFile {
  std::string path;        // as given
  std::string bytes;       // the file's content
  std::string read_error;  // why it could not be read; empty when it was
};

enum class HostStatus { clean, findings, error, missing };
[[nodiscard]] std::string_view to_string(HostStatus status);

// A check's summary: the findings that count (not suppressed) by severity.
struct Counts {
  std::size_t error = 0;
  std::size_t warning = 0;
  std::size_t info = 0;
  std::size_t fixable = 0;
  std::optional<std::size_t> fixed;  // only in the report of a --fix run
  [[nodiscard]] std::size_t count(report::Severity severity) const;
  void add(const Counts& other);
};

// One host of the fleet: what its report says, or why it says nothing.
struct HostReport {
  std::string host;
  std::string path;              // the report it came from; empty for a host that sent none
  std::optional<Format> format;  // nullopt: not a report emglint reads
  HostStatus status = HostStatus::error;
  std::string error;  // why the host is `error` or `missing`
  // Whether --expect-hosts names the host; nullopt without --expect-hosts.
  std::optional<bool> expected;
  std::optional<std::int64_t> exit_code;  // the host's own, as its report records it
  std::string phase;                      // each target's effective phase, "start" or "prepare, start"; empty: unknown
  std::string requested_phase;            // what its check was asked for (SARIF's `emglint/PHASE/`); empty: unknown
  Counts summary;
  // The report as read, while it is one this merge takes its findings from;
  // null when it is not (unreadable, another format than the fleet's).
  nlohmann::ordered_json document;
};

// Reads one report: its format, its host (the one it records, else the file's
// name without `.json` or `.sarif`), its counts and phase. A report that cannot
// be read, or is no host's report of emglint, comes back as an `error` host.
[[nodiscard]] HostReport read_host_report(const ReportFile& file);

// The names of --expect-hosts FILE's text, one a line (blank lines and lines
// starting with `#` left out), or why a line names no host ("LINE: why").
struct ExpectedHosts {
  std::vector<std::string> names;
  std::string problem;
};
[[nodiscard]] ExpectedHosts parse_expected_hosts(std::string_view text);

struct Fleet {
  std::vector<HostReport> hosts;  // sorted by name, one per host
  Counts summary;                 // of every host; `fixed` when some report came from a --fix run
};

// What an output format takes: `json` JSON reports, `sarif` SARIF logs, and
// `text` either, as long as all reports share one format.
enum class OutputFormat { text, json, sarif };

// One fleet of the reports read: a host with two reports, a report of a format
// the output does not take and a host of `expected` without a report are
// `error` or `missing`, and the rest is merged. The order of `reports` does
// not matter.
[[nodiscard]] Fleet merge_reports(std::vector<HostReport> reports, OutputFormat output,
                                  const std::optional<std::vector<std::string>>& expected);

// Some host is `error` or `missing`: the fleet is not whole.
[[nodiscard]] bool incomplete(const Fleet& fleet);
// Some finding of the fleet is at or above `fail_on` (nullopt: never), as
// `check` decides on its own findings.
[[nodiscard]] bool fails(const Fleet& fleet, const std::optional<report::Severity>& fail_on);

}  // namespace emglint::merge
