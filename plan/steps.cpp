#include "plan/steps.h"

namespace emglint::plan {

using report::Phase;

const std::vector<Step>& procedure() {
  static const std::vector<Step> steps = {
      // Prepare: done ahead of time, while 7.1 runs on.
      {Phase::prepare, 1, "put an active `BACKEND=TC` in the general section, above the first block",
       {"EMG101", "EMG102", "EMG103"}, {}, "emglint check --fix"},
      {Phase::prepare, 2, "leave `DLR_TO_SAME_IP` out of server.cfg until the commit", {"EMG201"}, {}, ""},
      {Phase::prepare, 3, "keep the running emgd's bytes under its versioned name, as its `-v` gives it",
       {"EMG308", "EMG303"}, {}, "emglint check --fix --probe-versions"},
      {Phase::prepare, 4, "unpack the 7.2 distribution in a folder of its own", {}, {}, ""},
      {Phase::prepare, 5, "copy the seven 7.2 tools into bin/ as TOOL-7.2.N-BUILD, as the new emgd's `-v` gives it",
       {"EMG302", "EMG304", "EMG305", "EMG309"}, {4}, "emglint check --fix --dist DIST"},
      {Phase::prepare, 6, "keep a copy of each 7.1 tool in bin/ as TOOL-7.1.N-BUILD", {"EMG301", "EMG407"}, {}, ""},
      {Phase::prepare, 7, "read the schema changes `emgd -upgradesql` prints", {}, {}, "bin/emgd -upgradesql"},
      {Phase::prepare, 8,
       "raise the open-files limit to twice the connector instances, and set it in /etc/rc.local before the "
       "watchdog starts",
       {"EMG501", "EMG601", "EMG602", "EMG606"}, {}, "emglint check --fix"},

      // Start: 7.2 runs, on the storage 7.1 reads.
      {Phase::start, 1, "point each of the seven tools in bin/ at its 7.2 copy with a link",
       {"EMG401", "EMG402", "EMG403", "EMG406"}, {}, "emglint check --fix --phase start"},
      {Phase::start, 2, "stop the watchdog", {}, {}, ""},
      {Phase::start, 3, "copy the rest of the 7.2 distribution's bin/ into bin/", {"EMG306"}, {}, ""},
      {Phase::start, 4, "stop the running emgd", {}, {}, "bin/emgd -stop"},
      {Phase::start, 5, "start emgd 7.2", {"EMG803", "EMG804"}, {1, 3, 4}, "bin/emgd"},
      {Phase::start, 6, "read log/general for errors and warnings since the start", {"EMG801"}, {5}, ""},
      {Phase::start, 7, "read what `emgstat` shows", {}, {5}, "bin/emgstat"},
      {Phase::start, 8, "start the watchdog again, with the command /etc/rc.local uses", {"EMG805"}, {2, 5}, ""},

      // Downgrade: back to 7.1, on the same storage.
      {Phase::downgrade, 1, "point emgd back at its 7.1 copy (the 7.2 tools may stay)", {"EMG403", "EMG407"}, {}, ""},
      {Phase::downgrade, 2, "restart emgd", {"EMG803", "EMG804"}, {1}, "bin/emgd -stop; bin/emgd"},

      // Commit: the new schema, storage and address form.
      {Phase::commit, 1, "copy the EMG database, to time the schema update on the copy", {}, {}, ""},
      {Phase::commit, 2, "agree with the database administrator on how to update the schema if it takes too long",
       {}, {1}, ""},
      {Phase::commit, 3, "comment out the BACKEND line", {"EMG104"}, {}, "emglint check --fix --phase commit"},
      {Phase::commit, 4, "set `DLR_TO_SAME_IP` on the connectors that need it, if any", {"EMG202"}, {3}, ""},
      {Phase::commit, 5, "write each DB block's address as `ADDRESS=user:password@host:port/dbname`",
       {"EMG701", "EMG702", "EMG704"}, {}, "emglint check --fix --phase commit"},
      {Phase::commit, 6, "stop emgd", {}, {}, "bin/emgd -stop"},
      {Phase::commit, 7, "update the schema: the commands `emgd -upgradesql` printed, or `emgd -upgradedb`", {},
       {2, 6}, "bin/emgd -upgradedb"},
      {Phase::commit, 8, "start emgd", {"EMG803", "EMG804"}, {3, 5, 7}, "bin/emgd"},
  };
  return steps;
}

std::vector<const Step*> steps_of(Phase phase) {
  std::vector<const Step*> steps;
  for (const Step& step : procedure()) {
    if (step.phase == phase) steps.push_back(&step);
  }
  return steps;
}

}  // namespace emglint::plan
