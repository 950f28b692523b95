// The procedure's steps as data (plan/steps.cpp): each phase's steps numbered
// from 1 without a gap, each needing only earlier steps of its phase, and
// each rule a step names a rule of the catalog that runs in the step's phase
// (else its absence would say nothing of the step).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "check/catalog.h"
#include "plan/status.h"
#include "plan/steps.h"

using emglint::report::Phase;

TEST_CASE("each phase's steps are numbered from 1 and need only earlier steps of their phase") {
  for (const Phase phase : emglint::report::all_phases_in_order) {
    INFO(emglint::report::to_string(phase));
    const auto steps = emglint::plan::steps_of(phase);
    REQUIRE_FALSE(steps.empty());
    for (std::size_t i = 0; i < steps.size(); ++i) {
      INFO("step " << steps[i]->number);
      CHECK(steps[i]->number == static_cast<int>(i + 1));
      CHECK_FALSE(steps[i]->action.empty());
      for (const int needed : steps[i]->needs) {
        CHECK(needed >= 1);
        CHECK(needed < steps[i]->number);
      }
    }
  }
}

TEST_CASE("every rule a step names is in the catalog and runs in the step's phase") {
  std::map<std::string, const emglint::report::RuleInfo*> by_id;
  for (const auto* rule : emglint::check::catalog()) by_id[std::string(rule->id)] = rule;
  for (const auto& step : emglint::plan::procedure()) {
    INFO(emglint::report::to_string(step.phase) << " step " << step.number);
    for (const std::string_view rule : step.rules) {
      INFO(rule);
      const auto found = by_id.find(std::string(rule));
      REQUIRE(found != by_id.end());
      CHECK(found->second->phases.contains(step.phase));
    }
  }
}

namespace {

const emglint::report::RuleInfo* rule(std::string_view id) {
  for (const auto* info : emglint::check::catalog()) {
    if (info->id == id) return info;
  }
  FAIL("no rule " << id);
  return nullptr;
}

// A report of an installation checked in `phase` in which every rule of the
// catalog ran, with one finding of each rule in `found`.
emglint::report::TargetReport checked_in(Phase phase, std::vector<std::string_view> found) {
  emglint::report::TargetReport report;
  report.kind = emglint::report::TargetKind::installation;
  report.phase.effective = phase;
  for (const auto* info : emglint::check::catalog()) report.rules_run.push_back(info->id);
  std::sort(report.rules_run.begin(), report.rules_run.end());
  for (const std::string_view id : found) {
    report.findings.push_back(emglint::report::Finding{.rule = rule(id), .object = std::string(id)});
  }
  return report;
}

std::string statuses(const std::vector<emglint::plan::StepState>& states) {
  std::string text;
  for (const auto& state : states) text += std::string(text.empty() ? "" : " ") + std::string(to_string(state.status));
  return text;
}

}  // namespace

TEST_CASE("a step is done when its rules ran and found nothing, manual when no rule sees it") {
  const auto states = emglint::plan::step_states(checked_in(Phase::prepare, {}));
  CHECK(statuses(states) == "done done done manual done done manual done");
  CHECK(states[3].why == "no check of emglint sees it");
}

TEST_CASE("a step with a finding is todo, and a step after one it needs that is not done is blocked") {
  // Start: the links are not made (step 1), and emgd does not run (step 5,
  // which needs step 1). Steps 6 and 8 need step 5: a log with no error since
  // a start that has not happened says nothing, so they are blocked too.
  auto report = checked_in(Phase::start, {"EMG401", "EMG804"});
  auto states = emglint::plan::step_states(report);
  CHECK(statuses(states) == "todo manual done manual blocked blocked manual blocked");
  CHECK(states[4].why == "after step 1");
  CHECK(states[4].findings.size() == 1);
  CHECK(states[5].why == "after step 5");
  // With the links made, emgd not running is what is left to do.
  states = emglint::plan::step_states(checked_in(Phase::start, {"EMG804"}));
  CHECK(statuses(states) == "done manual done manual todo blocked manual blocked");
  // With emgd started, the log and the watchdog are what is left.
  states = emglint::plan::step_states(checked_in(Phase::start, {"EMG801", "EMG805"}));
  CHECK(statuses(states) == "done manual done manual done todo manual todo");
}

TEST_CASE("a suppressed finding leaves its step done") {
  auto report = checked_in(Phase::commit, {"EMG104"});
  report.findings[0].suppression = emglint::report::Suppression{};
  CHECK(emglint::plan::step_states(report)[2].status == emglint::plan::StepStatus::done);
}

TEST_CASE("nothing found by a rule that did not run is not done: the step is manual, and says why") {
  // A lone config: no rule of bin/ or of processes ran.
  auto report = checked_in(Phase::start, {});
  report.kind = emglint::report::TargetKind::config;
  std::erase_if(report.rules_run, [](std::string_view id) { return id >= "EMG301" && id < "EMG501"; });
  std::erase(report.rules_run, "EMG804");
  report.skipped.push_back({.rule = "EMG804", .reason = "--offline"});
  // Listed as not run, though the engine ran it: it could find nothing (EMG303 without --probe-versions).
  report.skipped.push_back({.rule = "EMG803", .reason = "--offline"});
  const auto states = emglint::plan::step_states(report);
  CHECK(states[0].status == emglint::plan::StepStatus::manual);
  CHECK(states[0].why ==
        "EMG401 does not run on a config; EMG402 does not run on a config; EMG403 does not run on a config; "
        "EMG406 does not run on a config");
  CHECK(states[4].status == emglint::plan::StepStatus::manual);
  CHECK(states[4].why == "EMG803 did not run (--offline); EMG804 did not run (--offline)");
  // What needs a step that could not be checked cannot be told done either: no error in
  // the log says nothing when emgd may not have started.
  CHECK(states[5].status == emglint::plan::StepStatus::manual);
  CHECK(states[5].why == "after step 5, which could not be checked here");
}
