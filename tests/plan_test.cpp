// The procedure's steps as data (plan/steps.cpp): each phase's steps numbered
// from 1 without a gap, each needing only earlier steps of its phase, and
// each rule a step names a rule of the catalog that runs in the step's phase
// (else its absence would say nothing of the step).
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "check/catalog.h"
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
