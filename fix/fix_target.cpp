#include "fix/fix_target.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>

#include "fix/executor.h"
#include "fix/plan_diff.h"

namespace emglint::fix {

namespace {

// Targets are fixed in parallel, and a file outside them (one rc.local named
// for several installations) may be shared: its check and write go together.
std::mutex write_mutex;

// Why nothing of this target is fixed: a phase in doubt, or a config that does not parse.
std::optional<std::string> rail(const report::TargetReport& report, const check::TargetInput& input,
                                std::optional<report::Phase> pinned) {
  // A phase not detected at all is a file that does not parse, which the next rail names.
  if (!pinned && !report.phase.certain && report.phase.detected) {
    return "the signs disagree on the phase (EMG110), so nothing was fixed: name the phase with --phase";
  }
  if (!report.syntax_error.empty()) {
    return fmt::format("{} has syntax errors (EMG001), so nothing was fixed: a file that does not parse is never "
                       "rewritten",
                       input.files[input.config_file].display);
  }
  return std::nullopt;
}

std::vector<report::AppliedFix> fixes_done(Plan& plan, const Execution& execution) {
  std::vector<report::AppliedFix> done;
  for (PlannedFix& fix : plan.fixes) {
    const bool texts = std::all_of(fix.texts.begin(), fix.texts.end(),
                                   [&](std::size_t index) { return execution.texts_done[index]; });
    const bool actions = std::all_of(fix.actions.begin(), fix.actions.end(),
                                     [&](std::size_t index) { return execution.actions_done[index]; });
    if (texts && actions) done.push_back(std::move(fix.applied));
  }
  return done;
}

// Every original this run kept: text files' backups, and the second names
// given to files of bin/ before they were replaced (also when a later step
// of that fix stopped the run).
std::vector<std::string> kept_files(const check::TargetSpec& spec, const Plan& plan, Execution& execution) {
  std::vector<std::string> kept = std::move(execution.backups);
  for (std::size_t index = 0; index < plan.actions.size(); ++index) {
    if (plan.actions[index].kind == report::FsAction::Kind::keep && execution.actions_done[index]) {
      kept.push_back(fmt::format("{}/{}", spec.path, plan.actions[index].path));
    }
  }
  return kept;
}

std::vector<report::AppliedFix> all_planned(Plan& plan) {
  std::vector<report::AppliedFix> planned;
  for (PlannedFix& fix : plan.fixes) planned.push_back(std::move(fix.applied));
  return planned;
}

void add_new_problems(std::vector<std::string>& problems, std::vector<std::string> more) {
  for (std::string& problem : more) {
    if (std::find(problems.begin(), problems.end(), problem) == problems.end()) problems.push_back(std::move(problem));
  }
}

}  // namespace

FixOutcome fix_with(const check::TargetSpec& spec, const Loader& load, const Checker& check,
                    std::optional<report::Phase> pinned, const FixOptions& options) {
  FixOutcome outcome;
  const check::TargetInput input = load();
  outcome.problems = input.problems;
  if (!input.readable) return outcome;
  report::TargetReport report = check(input, pinned);
  if (auto why = rail(report, input, pinned)) {
    report.not_fixed.push_back(*why);
    outcome.report = std::move(report);
    return outcome;
  }
  const ExecutionRoots roots = plan_roots(spec, input);
  Plan plan = plan_fixes(spec, input, roots, report, check, report.phase.effective, options, ::geteuid());
  add_new_problems(outcome.problems, plan.problems);
  if (!options.write) {
    outcome.diff = plan_diff(spec, input, plan);
    report.fixed = all_planned(plan);
  } else if (!plan.empty()) {
    Execution execution;
    {
      const std::lock_guard lock(write_mutex);
      execution = execute(plan, roots);
    }
    if (execution.stopped) outcome.problems.push_back(*execution.stopped);
    // What is left, read back from disk: the report tells what is there, whatever happened.
    check::TargetInput now = load();
    add_new_problems(outcome.problems, std::move(now.problems));
    if (now.readable) {
      report = check(now, pinned);
    } else {
      outcome.problems.push_back(fmt::format("{}: not readable after the fix; the findings shown are from before it",
                                             input.files[input.config_file].display));
    }
    report.fixed = fixes_done(plan, execution);
    report.backups = kept_files(spec, plan, execution);
  }
  report.not_fixed = std::move(plan.not_fixed);
  outcome.report = std::move(report);
  return outcome;
}

FixOutcome fix_target(const check::TargetSpec& spec, const check::CheckOptions& options,
                      std::optional<report::Phase> pinned, const FixOptions& fix_options) {
  // No binary is probed twice in one run: the check after the fix reuses the answers of the first.
  inspect::ProbeCache probes;
  const Loader load = [&] {
    check::TargetInput input = check::load_target(spec, options, &probes);
    if (input.installation) probes.merge(inspect::probes_by_content(*input.installation));
    return input;
  };
  const Checker check = [&](const check::TargetInput& input, std::optional<report::Phase> phase) {
    return check::check_target(input, options, phase);
  };
  return fix_with(spec, load, check, pinned, fix_options);
}

}  // namespace emglint::fix
