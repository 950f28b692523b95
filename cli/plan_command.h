// `emglint plan [PATH]`: where an installation stands in the upgrade, step by
// step (plan/status.h), in the phase it is in and the next one, with what to
// type for each step left.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>

#include "cli/check_command.h"

namespace emglint::cli {

struct PlanArguments {
  std::string path;    // empty: as check finds it ($EMGDIR, or the settings)
  std::string to;      // --to PHASE; empty: the phase after the detected one
  std::string format = "text";
  bool list = false;   // every step of every phase, without checking anything
  // Passed to the check the plan rests on.
  std::string rc_local;
  bool no_rc_local = false;
  std::string dist;
  bool probe_versions = false;
  bool offline = false;
};

// Adds `plan` to `app`, writing what it parses into `arguments`.
CLI::App* add_plan_command(CLI::App& app, PlanArguments& arguments);

// Checks the target in its phase and in the next, prints the steps, and
// returns 0 when none is left to do, 1 when one is, 2 on trouble.
[[nodiscard]] int run_plan(const PlanArguments& arguments, const Environment& environment, std::ostream& out,
                           std::ostream& err);

}  // namespace emglint::cli
