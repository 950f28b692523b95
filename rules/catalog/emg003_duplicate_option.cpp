// EMG003 duplicate-option: a single-valued option appears twice in one scope.
#include <fmt/format.h>

#include <map>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg003 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check_scope(const CheckContext& context, config::OptionRange options, std::string_view scope, Findings& findings) {
  std::map<std::string, const config::Option*> first_of;
  for (const auto& option : options) {
    const Keyword* keyword = context.analysis.vocabulary.find(option.key());
    if (keyword == nullptr) continue;  // unknown keywords may well repeat
    // A repeatable key lists one item a line (a group's CONNECTOR members).
    if ((keyword->repeats_in & static_cast<unsigned>(scope_of(context.config, option))) != 0) continue;
    const auto [it, inserted] = first_of.try_emplace(to_upper(option.key()), &option);
    if (inserted) continue;
    findings.report(option.key_span(), fmt::format("`{}` is set again in {}; the earlier setting is at line {} and "
                                                   "only one of them takes effect",
                                                   option.key(), scope, it->second->line()));
  }
}

void check(const CheckContext& context, Findings& findings) {
  const config::OptionList& general = context.config.general;
  check_scope(context, {general.begin(), general.end()}, "the general section", findings);
  for (const auto& block : context.config.blocks) {
    check_scope(context, block.options(), fmt::format("block `{} {}`", block.kind(), block.name()), findings);
  }
}

}  // namespace emg003

extern const Rule emg003_duplicate_option{
    .info = {.id = "EMG003",
             .name = "duplicate-option",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A single-valued option appears twice in one scope."},
    .check = emg003::check,
};

}  // namespace emglint::rules
