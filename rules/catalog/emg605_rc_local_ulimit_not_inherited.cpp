// EMG605 rc-local-ulimit-not-inherited: the watchdog starts through `su`, whose PAM session may reset the `ulimit -n`.
#include <fmt/format.h>

#include "analysis/pam_limits.h"
#include "analysis/rc_local_analysis.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg605 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

std::string shown(std::int64_t limit) { return limit < 0 ? "unlimited" : std::to_string(limit); }

// Why the watchdog does not get the ulimit; `certain` false where PAM only may
// take it away, and the severity lowered where only a guess remains.
struct Reason {
  std::string why;  // empty: nothing to report
  bool certain = true;
  Severity severity = Severity::warning;
};

// What the watchdog's `su` does to the ulimit, as far as PAM's files tell.
Reason pam_reason(const WatchdogPamLimits& pam, const rclocal::OpenFilesValue* value) {
  const std::string su =
      fmt::format("the watchdog starts through {} as `{}`", pam.login ? "a login `su -`" : "`su`", pam.user);
  using Verdict = WatchdogPamLimits::Verdict;
  switch (pam.verdict) {
    case Verdict::sets: {
      if (const auto soft = pam.effective_soft()) {
        Reason reason{fmt::format("{}, and pam_limits ({}) replaces it with the limit {} from {}", su, pam.pam_limits,
                                  shown(soft->limit), soft->where)};
        // No lower than the ulimit: the line is idle, and the watchdog no worse off.
        const bool not_lower =
            value != nullptr && value->limit && *value->limit >= 0 && (soft->limit < 0 || soft->limit >= *value->limit);
        if (not_lower) reason.severity = Severity::info;
        return reason;
      }
      // A hard limit alone only lowers what the watchdog brings along.
      const auto& hard = *pam.hard;
      if (hard.limit < 0) return {};
      if (value != nullptr && value->limit) {
        if (*value->limit >= 0 && *value->limit <= hard.limit) return {};
        return {fmt::format("{}, and pam_limits ({}) lowers it to the hard limit {} from {}", su, pam.pam_limits,
                            hard.limit, hard.where)};
      }
      return {fmt::format("{}, and pam_limits ({}) lowers it to the hard limit {} from {} if it is higher", su,
                          pam.pam_limits, hard.limit, hard.where),
              false};
    }
    case Verdict::no_nofile_line:
      if (pam.set_all) {
        return {
            fmt::format("{}: no `nofile` line of the limits files applies to `{}`, so pam_limits ({}, set_all) "
                        "resets it to the limit of init (PID 1)",
                        su, pam.user, pam.pam_limits)};
      }
      return {
          fmt::format("{}: no `nofile` line of the limits files applies to `{}`, so pam_limits ({}) may reset "
                      "it to the system default (Debian's PAM does, to a soft limit of 1024; upstream PAM keeps it)",
                      su, pam.user, pam.pam_limits),
          false};
    case Verdict::exempt: return {};  // pam_limits sets no limit at all: the ulimit is inherited
    case Verdict::no_pam_limits:
      if (!pam.login) return {};
      return {
          fmt::format(
              "{}: PAM keeps it, as the session of {} runs no pam_limits, but the login shell's profile may reset it",
              su, pam.service),
          false, Severity::info};
    case Verdict::unknown:
      // A plain `su` is not suspected without a reason: only a login su is said to reset limits.
      if (!pam.login) return {};
      return {fmt::format("{}, which may reset it through PAM ({})", su, pam.why_unknown), false};
  }
  return {};
}

void check(const CheckContext& context, Findings& findings) {
  const auto& rc_local = *context.rc_local;
  if (!rc_local.exists || !rc_local.read_error.empty()) return;  // EMG604's case
  const RcLocalAnalysis& analysis = *context.analysis.rc_local;
  // Without both lines, EMG601 and EMG603 speak; a late ulimit is EMG602's.
  if (!analysis.applied_ulimit || !analysis.watchdog || *analysis.applied_ulimit > *analysis.watchdog) return;
  // A value the kernel refuses sets nothing that PAM could take away: EMG606's case.
  if (analysis.applied()->refused()) return;
  const auto& ulimit = rc_local.model.commands[*analysis.applied_ulimit];
  const auto& watchdog = rc_local.model.commands[*analysis.watchdog];
  // Inside the watchdog's own su, the ulimit runs after su's PAM session and is inherited.
  if (analysis.ulimit_in_watchdog_su(rc_local.model)) return;

  // A ulimit in a subshell or another process never reaches the watchdog at
  // all: EMG601's case. Here the watchdog's su is what may take it away.
  Reason reason;
  if (context.analysis.watchdog_pam) {
    reason = pam_reason(*context.analysis.watchdog_pam, &analysis.applied()->value);
  } else if (watchdog.su_login) {
    reason = {"the watchdog starts through a login `su -`, which may reset limits through PAM", false};
  }
  if (reason.why.empty()) return;
  auto finding =
      findings.report_in(rc_local.path, rc_local_line_span(rc_local, ulimit.line),
                         fmt::format("the watchdog (line {}) {} `ulimit -n` at line {}: {}", watchdog.line,
                                     reason.certain ? "does not inherit" : "may not inherit", ulimit.line, reason.why),
                         rc_local.model.lines[ulimit.line - 1]);
  finding->severity = reason.severity;
}

}  // namespace emg605

extern const Rule emg605_rc_local_ulimit_not_inherited{
    .info = {.id = "EMG605",
             .name = "rc-local-ulimit-not-inherited",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::rc_local,
             .summary = "The watchdog starts through `su`, whose PAM session may reset the `ulimit -n`."},
    .check = emg605::check,
};

}  // namespace emglint::rules
