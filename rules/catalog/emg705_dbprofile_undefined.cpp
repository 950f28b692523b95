// EMG705 dbprofile-undefined: a DBPROFILE, or a BACKEND naming a profile, names no DB block.
#include <fmt/format.h>

#include <vector>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "rules/rule.h"
#include "analysis/secrets.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

std::string defined_profiles(const std::vector<const config::Block*>& profiles) {
  if (profiles.empty()) return "the file defines no DB block";
  std::string names;
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    names += fmt::format("{}`{}`", i == 0 ? "" : (i + 1 == profiles.size() ? " and " : ", "), profiles[i]->name);
  }
  return fmt::format("the file defines {}", names);
}

void check(const CheckContext& context, Findings& findings) {
  const config::ConfigModel& config = context.config;
  std::vector<const config::Block*> profiles;
  for (const auto& block : config.blocks) {
    if (is_block_kind(block, "DB")) profiles.push_back(&block);
  }
  const auto defined = [&](std::string_view name) {
    for (const config::Block* profile : profiles) {
      if (iequals(profile->name, name)) return true;
    }
    return false;
  };

  for (const config::Option* option : context.analysis.index.options()) {
    // A BACKEND or DBPROFILE without a value is EMG006's case; elsewhere than
    // its scopes, EMG005's.
    if (!option->value || option->value->empty() || !option->value_span) continue;
    const OptionScope scope = scope_of(config, *option);
    const bool profile_reference =
        (iequals(option->key, "DBPROFILE") && (scope == OptionScope::general || scope == OptionScope::plugin)) ||
        (iequals(option->key, "BACKEND") && scope == OptionScope::general &&
         backend_store(*option->value) == BackendStore::profile);
    if (!profile_reference || defined(meant_value(*option->value))) continue;
    findings.report(*option->value_span,
                    fmt::format("`{}` names no DB block; {}", shown_option(config, *option), defined_profiles(profiles)));
  }
}

}  // namespace

extern const Rule emg705_dbprofile_undefined{
    .info = {.id = "EMG705",
             .name = "dbprofile-undefined",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A DBPROFILE, or a BACKEND naming a profile, names no DB block."},
    .check = check,
};

}  // namespace emglint::rules
