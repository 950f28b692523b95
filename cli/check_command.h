// `emglint check`: discover targets, parse, inspect, run the rules, report,
// and map the outcome to the documented exit code.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "check/check.h"
#include "report/finding.h"

namespace emglint::cli {

enum class OutputFormat { text, json, sarif, github };
enum class ColorMode { automatic, always, never };
// --diff shows what --fix would change, and changes nothing.
enum class FixMode { none, diff, fix };

struct CheckOptions {
  std::vector<std::string> paths;
  std::optional<report::Phase> phase;  // nullopt: auto
  OutputFormat format = OutputFormat::text;
  std::string output_file;                                            // empty: standard output
  std::optional<report::Severity> fail_on = report::Severity::error;  // nullopt: never
  ColorMode color = ColorMode::automatic;
  bool quiet = false;
  std::vector<std::string> include_globs;
  unsigned jobs = 0;          // 0: one per core
  FixMode fix_mode = FixMode::none;
  bool unsafe_fixes = false;
  bool backup = true;
  bool rc_local_named = false;   // --rc-local FILE was given on the command line
  bool rc_local_shared = false;  // set by run_check: more than one target shares that boot script
  std::string baseline;        // --baseline FILE
  std::string write_baseline;  // --write-baseline FILE
  std::string host;            // --host NAME: recorded in the report for `emglint merge`
  check::CheckOptions check;  // settings, selection, --rc-local, --log-dir
};

// What the process looks like from inside; tests pass their own.
struct Environment {
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;  // a long repository run shows its progress there
  bool no_color = false;  // NO_COLOR is set and not empty
  std::string emgdir;     // $EMGDIR, empty when unset
  std::string emglogdir;  // $EMGLOGDIR, empty when unset
};

// What `--fail-on` (check's and merge's) and `fail-on` in .emglint.toml take:
// a severity, or `never`.
inline const std::vector<std::string> fail_on_choices = {"error", "warning", "info", "never"};

namespace exit_code {
inline constexpr int clean = 0;
inline constexpr int findings = 1;
inline constexpr int trouble = 2;  // usage, unreadable input or output, internal error
}  // namespace exit_code

[[nodiscard]] int run_check(CheckOptions options, const Environment& environment, std::ostream& out, std::ostream& err);

}  // namespace emglint::cli
