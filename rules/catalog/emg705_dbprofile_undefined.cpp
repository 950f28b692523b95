// EMG705 dbprofile-undefined: a DBPROFILE, or a BACKEND naming a profile, names no DB block.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg705 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Quoted at most this many: a message names a few, not 20,000.
constexpr std::size_t max_named_profiles = 5;

std::string defined_profiles(const ConfigIndex& index) {
  const std::span<const config::Block* const> profiles = index.db_profiles();
  if (profiles.empty()) return "the file defines no DB block";
  const std::size_t named = std::min(profiles.size(), max_named_profiles);
  std::string names;
  for (std::size_t i = 0; i < named; ++i) {
    const bool last = i + 1 == named && named == profiles.size();
    names += fmt::format("{}`{}`", i == 0 ? "" : (last ? " and " : ", "), index.quoted(profiles[i]->name()));
  }
  if (named < profiles.size()) names += fmt::format(" and {} more", profiles.size() - named);
  return fmt::format("the file defines {}", names);
}

void check(const CheckContext& context, Findings& findings) {
  const config::ConfigModel& config = context.config;
  const ConfigIndex& index = context.analysis.index;
  for (const config::Option& option : index.options()) {
    // A BACKEND or DBPROFILE without a value is EMG006's case; elsewhere than
    // its scopes, EMG005's.
    if (!option.value() || option.value()->empty()) continue;
    const OptionScope scope = scope_of(config, option);
    const bool profile_reference =
        (iequals(option.key(), "DBPROFILE") && (scope == OptionScope::general || scope == OptionScope::plugin)) ||
        (iequals(option.key(), "BACKEND") && scope == OptionScope::general &&
         (backend_store(*option.value()) == BackendStore::profile ||
          meant_backend_store(*option.value()) == BackendStore::profile));
    if (!profile_reference || index.db_profile(*option.value()) != nullptr) continue;
    // EMG reads the whole value (EMG007): `DBPROFILE=main # primary` names `main # primary`.
    const std::string_view whole = inline_comment_at(*option.value()) ? " (EMG reads the whole value)" : "";
    findings.report(*option.value_span(),
                    fmt::format("`{}` names no DB block{}; {}", context.analysis.index.shown_option(option), whole,
                                defined_profiles(index)));
  }
}

}  // namespace emg705

extern const Rule emg705_dbprofile_undefined{
    .info = {.id = "EMG705",
             .name = "dbprofile-undefined",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A DBPROFILE, or a BACKEND naming a profile, names no DB block."},
    .check = emg705::check,
};

}  // namespace emglint::rules
