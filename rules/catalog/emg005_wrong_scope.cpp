// EMG005 wrong-scope: a known keyword stands in a scope it does not belong to.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg005 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

std::string belongs_in(unsigned scopes) {
  std::string result;
  for (OptionScope scope : {OptionScope::general, OptionScope::connector, OptionScope::db, OptionScope::plugin,
                            OptionScope::connectorgroup}) {
    if ((scopes & static_cast<unsigned>(scope)) == 0) continue;
    if (!result.empty()) result += " or ";
    result += scope_name(scope);
  }
  return result;
}

void check(const CheckContext& context, Findings& findings) {
  for (const config::Option& option : context.analysis.index.options()) {
    const Keyword* keyword = context.analysis.vocabulary.find(option.key());
    if (keyword == nullptr) continue;
    const OptionScope scope = scope_of(context.config, option);
    // Blocks of undocumented kinds may take any keyword: EMG009 reports the kind.
    if (scope == OptionScope::other_block) continue;
    if ((keyword->scopes & static_cast<unsigned>(scope)) != 0) continue;
    // EMG202 owns DLR_TO_SAME_IP in the general section.
    if (scope == OptionScope::general && keyword->name == "DLR_TO_SAME_IP") continue;
    findings.report(option.key_span(), fmt::format("`{}` belongs in {}, not in {}; EMG ignores it here", option.key(),
                                                   belongs_in(keyword->scopes), option_place(context.config, option)));
  }
}

}  // namespace emg005

extern const Rule emg005_wrong_scope{
    .info = {.id = "EMG005",
             .name = "wrong-scope",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A known keyword stands in a scope it does not belong to."},
    .check = emg005::check,
};

}  // namespace emglint::rules
