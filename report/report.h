// What a check hands to the reporters: each target with its files, phase,
// facts and findings, and one summary. Reporters see this and rule metadata.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "report/file_table.h"
#include "report/finding.h"

namespace emglint::report {

enum class TargetKind { installation, config };
[[nodiscard]] std::string_view to_string(TargetKind kind);

// A phase the signs point to, and the signs that do.
struct PhaseReading {
  Phase phase = Phase::prepare;
  std::vector<std::string> evidence;
};

// The phase a target is checked against, and why. Uncertain when the signs
// disagree: the rules run for the reading most signs support, and the others
// are listed with their evidence.
struct PhaseDecision {
  std::optional<Phase> requested;  // nullopt: auto
  Phase effective = Phase::prepare;
  std::vector<std::string> evidence;
  bool certain = true;
  std::vector<std::string> evidence_against;  // signs of the alternatives
  std::vector<PhaseReading> alternatives;
  // False when nothing could be read to detect it from (a server.cfg that is
  // not text): `effective` is then only the default, and `evidence` says why.
  bool detected = true;
};

// Numbers every report carries (contract.md `facts`), computed once per target.
// One open-files limit that applies, and where it was read.
struct OpenFilesSource {
  std::string source;      // "--ulimit", "/etc/rc.local:12", "/proc/4242/limits"
  std::int64_t limit = 0;  // -1: unlimited
};

struct TargetFacts {
  std::int64_t connector_instances = 0;  // from server.cfg, or --instances
  std::optional<std::int64_t> open_files_needed;
  // The binding limit, the lowest of open_files_sources (-1, unlimited, counts as the highest), and its source.
  std::optional<std::int64_t> open_files_limit;
  std::string open_files_source;
  std::vector<OpenFilesSource> open_files_sources;  // every limit that applies, in the order they were read
};

// A check that did not run on a target, and what it needed: a whole rule, or
// only its fix (the rule ran and its findings stand).
struct SkippedCheck {
  // `running_emgd_source`: EMG501 runs, without the limit of a running emgd (--offline).
  enum class Part { rule, fix, running_emgd_source };
  std::string_view rule;
  std::string reason;  // "needs --dist"
  Part part = Part::rule;
};
// How reports name what did not run: "EMG303", "EMG302's fix".
[[nodiscard]] std::string skipped_name(const SkippedCheck& check);
[[nodiscard]] std::string_view to_string(SkippedCheck::Part part);  // "rule", "fix"

// A fix `--fix` applied: what it did, for which finding.
struct AppliedFix {
  std::string_view rule;
  std::string file;  // display path: a later round's file table may not hold the file
  std::string object;
  std::string description;
};

struct TargetReport {
  std::string path;  // as the user named it (or as found below a repository)
  TargetKind kind = TargetKind::config;
  // An installation's directory, canonical and absolute (empty for a config, or
  // when it cannot be resolved): what SARIF names its files relative to.
  std::string real_path;
  FileTable files;
  PhaseDecision phase;
  TargetFacts facts;
  std::vector<Finding> findings;      // sorted by file, line, column, rule
  std::vector<SkippedCheck> skipped;  // by rule ID
  // The rules that ran, sorted: where one did not, the absence of its
  // findings says nothing (a lone config runs no rule of bin/).
  std::vector<std::string_view> rules_run;
  // server.cfg's first syntax error, "FILE:LINE:COLUMN: message"; empty when it
  // parses. Whether EMG001 runs or not, `--fix` never rewrites such a file.
  std::string syntax_error;
  // With --fix: what was applied, and why nothing was, when a rail held (an
  // uncertain phase, a syntax error). The findings are then those left.
  std::vector<AppliedFix> fixed;
  std::vector<std::string> not_fixed;
  std::vector<std::string> backups;  // where each rewritten file's original was kept
};

// A repository's reports grow in a vector: moved, not copied, when it grows.
static_assert(std::is_nothrow_move_constructible_v<TargetReport>);

// Counted once, for every format alike.
struct Summary {
  std::array<std::size_t, 3> by_severity{};  // indexed by Severity
  std::size_t safe_fixes = 0;                // fixes `--fix` may apply (overlaps aside)
  std::size_t unsafe_fixes = 0;              // applicable fixes only `--unsafe-fixes` adds
  std::size_t suppressed = 0;
  std::size_t fixed = 0;  // with --fix: fixes applied
  [[nodiscard]] std::size_t count(Severity severity) const { return by_severity[static_cast<std::size_t>(severity)]; }
  [[nodiscard]] std::size_t fixable() const { return safe_fixes + unsafe_fixes; }
};

struct Report {
  bool fixing = false;                // made by --fix: reporters say what was fixed
  std::optional<Phase> requested;     // --phase; nullopt: auto
  std::vector<TargetReport> targets;  // sorted by path
  std::vector<std::string> problems;  // what could not be read, for the summary
  Summary summary;
  // The exit code of the run, decided before anything is rendered (contract.md,
  // "Exit codes"); SARIF reports it.
  int exit_code = 0;
  // --host: the machine the report is of, for `emglint merge`; empty when not given.
  std::string host;
};

// Counts severities and applicable fixes of the findings that are not suppressed.
[[nodiscard]] Summary summarize(const std::vector<TargetReport>& targets);

}  // namespace emglint::report
