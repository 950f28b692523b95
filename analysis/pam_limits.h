// What PAM does to the open-files limit of a watchdog the boot script starts
// through `su`: whether the session stack of su (su-l for `su -`) runs
// pam_limits, and which `nofile` lines of limits.conf and limits.d apply to
// the user su switches to, with pam_limits' own precedence (a user's line over
// a group's over `*`; among equals the later line), decided once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "analysis/rc_local_analysis.h"
#include "inspect/accounts.h"
#include "inspect/pam_limits_facts.h"
#include "parser/rc_local.h"

namespace emglint::analysis {

// A limit pam_limits sets, and the line that sets it.
struct PamNofileLimit {
  std::int64_t limit = 0;  // -1: unlimited (pam_limits then uses /proc/sys/fs/nr_open)
  std::string where;       // "/etc/security/limits.d/emg.conf:3"
};

struct WatchdogPamLimits {
  enum class Verdict {
    unknown,        // a file could not be read, or whether a line applies is not known: `why_unknown`
    no_pam_limits,  // the session stack has no pam_limits: PAM leaves the limit alone
    exempt,         // a `USER -` line exempts the user: pam_limits sets no limit at all
    sets,           // a `nofile` line applies: `soft`, `hard` or both
    no_nofile_line  // pam_limits runs, and no `nofile` line applies to the user
  };
  Verdict verdict = Verdict::unknown;
  std::string user;        // whom su switches to
  bool login = false;      // `su -`, `-l`, `--login`
  std::string service;     // the service file whose session stack runs: "/etc/pam.d/su-l"
  std::string pam_limits;  // where pam_limits is named: "/etc/pam.d/su:5"
  bool set_all = false;    // pam_limits takes `set_all`: a limit no line sets is taken from init (PID 1)
  std::optional<PamNofileLimit> soft;
  std::optional<PamNofileLimit> hard;
  std::string exemption;    // where the exempting line is
  std::string why_unknown;  // for Verdict::unknown: what could not be read or decided

  // The soft limit PAM leaves the watchdog with, when a line sets it: the soft
  // limit, lowered to the hard one where that is lower.
  [[nodiscard]] std::optional<PamNofileLimit> effective_soft() const;
};

// nullopt unless the watchdog starts inside an `su ... -c '...'`. `account`:
// the installation owner's, used when su switches to that user (groups, uid).
[[nodiscard]] std::optional<WatchdogPamLimits> watchdog_pam_limits(const inspect::PamLimitsFacts& facts,
                                                                   const rclocal::RcLocalModel& model,
                                                                   const RcLocalAnalysis& rc_local,
                                                                   const inspect::UserAccount* account);

}  // namespace emglint::analysis
