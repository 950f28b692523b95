// EMG002 duplicate-section: two blocks of one kind share a name.
#include <fmt/format.h>

#include <map>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg002 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  std::map<std::pair<std::string, std::string>, const config::Block*> first_of;
  for (const auto& block : context.config.blocks) {
    const auto [it, inserted] = first_of.try_emplace({to_upper(block.kind()), to_upper(block.name())}, &block);
    if (inserted) continue;
    findings.report(block.name_span(), fmt::format("block `{} {}` is defined twice; the first one is at line {}",
                                                   block.kind(), block.name(), it->second->line()));
  }
}

}  // namespace emg002

extern const Rule emg002_duplicate_section{
    .info = {.id = "EMG002",
             .name = "duplicate-section",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "Two blocks of one kind share a name."},
    .check = emg002::check,
};

}  // namespace emglint::rules
