// EMG601 rc-local-ulimit-missing: the boot script sets no `ulimit -n` at all.
#include <fmt/format.h>

#include <filesystem>

#include "analysis/open_files.h"
#include "analysis/rc_local_analysis.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  // EMG604 reports a boot script that is missing or unreadable.
  if (!rc_local.exists || !rc_local.read_error.empty()) return;
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  if (!analysis.ulimits.empty()) return;

  const std::int64_t needed = *context.facts.open_files_needed;
  const std::string message = fmt::format(
      "the boot script sets no `ulimit -n`: EMG needs at least {} open files ({} connector "
      "instances), set before the watchdog starts",
      needed, context.facts.connector_instances);
  if (!analysis.watchdog) {
    // Without the watchdog line there is no place to insert it: EMG603 says so.
    findings.report_path(rc_local.path, message);
    return;
  }
  const std::size_t line = rc_local.model.commands[*analysis.watchdog].line;
  auto finding =
      findings.report_in(rc_local.path, rc_local_line_span(rc_local, line), message, rc_local.model.lines[line - 1]);
  // What is missing, not the watchdog line it would go before.
  finding->object = std::filesystem::path(rc_local.path).filename().string() + "/ulimit";
  const std::string command = fmt::format("ulimit -n {}", recommended_open_files(needed));
  finding->fix = Fix{.applicability = Applicability::safe,
                     .description = fmt::format("insert `{}` before the watchdog line", command),
                     .edits = {insert_rc_local_line(rc_local, finding->file, line, command)},
                     .actions = {}};
}

}  // namespace

extern const Rule emg601_rc_local_ulimit_missing{
    .info = {.id = "EMG601",
             .name = "rc-local-ulimit-missing",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::rc_local,
             .summary = "The boot script sets no `ulimit -n`."},
    .check = check,
};

}  // namespace emglint::rules
