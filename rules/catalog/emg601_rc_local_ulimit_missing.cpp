// EMG601 rc-local-ulimit-missing: no `ulimit -n` of the boot script gives the watchdog its limit.
#include <fmt/format.h>

#include <filesystem>

#include "analysis/open_files.h"
#include "analysis/rc_local_analysis.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg601 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Why a `ulimit -n` gives the watchdog no soft limit.
std::string why_missed(const RcLocalUlimit& ulimit) {
  switch (ulimit.miss) {
    case RcLocalUlimit::Miss::hard_only:
      return ulimit.value.soft_dropped
                 ? "sets only the hard limit (dash, Debian's /bin/sh, keeps the last of `-S` and `-H`)"
                 : "sets only the hard limit";
    case RcLocalUlimit::Miss::subshell: return "runs in a subshell `( ... )`, whose limit ends with it";
    case RcLocalUlimit::Miss::other_su: return "runs inside another `su -c`, whose limit ends with it";
    case RcLocalUlimit::Miss::background:
      return "runs in the background (`&`), in a process of its own whose limit ends with it";
    case RcLocalUlimit::Miss::pipeline: return "runs in a pipeline, in a process of its own whose limit ends with it";
    case RcLocalUlimit::Miss::none: break;
  }
  return {};
}

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  // EMG604 reports a boot script that is missing or unreadable.
  if (!rc_local.exists || !rc_local.read_error.empty()) return;
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  // One that reaches the watchdog is there; EMG602 says when it comes too late.
  if (analysis.applied_ulimit) return;

  const auto& commands = rc_local.model.commands;
  // A `ulimit -n` that misses the watchdog: the last one before it, else the first.
  const RcLocalUlimit* missed = nullptr;
  for (const RcLocalUlimit& ulimit : analysis.ulimits) {
    if (missed != nullptr && analysis.watchdog && ulimit.command > *analysis.watchdog) break;
    missed = &ulimit;
  }
  const std::int64_t needed = *context.facts.open_files_needed;
  std::string message;
  std::size_t at_line = 0;
  if (missed == nullptr) {
    message = fmt::format(
        "the boot script sets no `ulimit -n`: EMG needs at least {} open files ({} connector instances), set before "
        "the watchdog starts",
        needed, context.facts.connector_instances);
  } else {
    const auto& command = commands[missed->command];
    at_line = command.line;
    message = fmt::format(
        "`{}` at line {} {}: the watchdog starts with the default soft limit, and EMG needs at least {} open files "
        "({} connector instances)",
        context.analysis.index.quoted(rclocal::command_text(command)), command.line, why_missed(*missed), needed,
        context.facts.connector_instances);
  }
  const auto report = [&](std::size_t line) {
    return findings.report_in(rc_local.path, rc_local_line_span(rc_local, line), message,
                              rc_local.model.lines[line - 1]);
  };
  if (!analysis.watchdog) {
    // Without the watchdog line there is no place to insert it: EMG603 says so.
    if (at_line != 0) {
      report(at_line);
    } else {
      findings.report_path(rc_local.path, message);
    }
    return;
  }
  const std::size_t line = commands[*analysis.watchdog].line;
  // On the `ulimit` that misses, else on the watchdog line it should go before.
  auto finding = report(at_line != 0 ? at_line : line);
  // What is missing, not the line it stands on.
  finding->object = std::filesystem::path(rc_local.path).filename().string() + "/ulimit";
  // No number Linux accepts holds what EMG needs: writing one would fail at boot (EMG606).
  if (!context.analysis.recommended_ulimit) return;
  const std::string command = fmt::format("ulimit -n {}", *context.analysis.recommended_ulimit);
  finding->fix = Fix{.applicability = Applicability::safe,
                     .description = fmt::format("insert `{}` before the watchdog line", command),
                     .edits = {insert_rc_local_line(rc_local, finding->file, line, command)},
                     .actions = {}};
}

}  // namespace emg601

extern const Rule emg601_rc_local_ulimit_missing{
    .info = {.id = "EMG601",
             .name = "rc-local-ulimit-missing",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::rc_local,
             .summary = "No `ulimit -n` of the boot script sets the watchdog's soft limit.",
             .reads_config = true},
    .check = emg601::check,
};

}  // namespace emglint::rules
