// EMG004 possible-typo: an unknown keyword lies close to a known one.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "parser/words.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Two edits turn most four-letter words into another; short keys get one.
// Both stay within config::edit_distance_limit, up to which distances are exact.
std::size_t allowed_distance(std::string_view key) { return key.size() <= 4 ? 1 : 2; }

const Keyword* closest_keyword(std::string_view key) {
  const std::string upper = to_upper(key);
  const Keyword* best = nullptr;
  std::size_t best_distance = allowed_distance(upper) + 1;
  for (const Keyword& keyword : known_keywords()) {
    const std::size_t distance = config::edit_distance(upper, keyword.name);
    if (distance < best_distance) {
      best = &keyword;
      best_distance = distance;
    }
  }
  return best;
}

void check(const CheckContext& context, Findings& findings) {
  for (const config::Option* option : context.analysis.index.options()) {
    if (find_keyword(option->key) != nullptr) continue;
    const Keyword* suggestion = closest_keyword(option->key);
    if (suggestion == nullptr) continue;
    auto finding = findings.report(
        option->key_span, fmt::format("unknown keyword `{}`; did you mean `{}`?", option->key, suggestion->name));
    finding->fix = Fix{.applicability = Applicability::unsafe,
                       .description = fmt::format("rename `{}` to `{}`", option->key, suggestion->name),
                       .edits = {{.file = finding->file,
                                  .span = option->key_span,
                                  .replacement = std::string(suggestion->name),
                                  .shown_replacement = {}}},
                       .actions = {}};
  }
}

}  // namespace

extern const Rule emg004_possible_typo{
    .info = {.id = "EMG004",
             .name = "possible-typo",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::unsafe,
             .scope = Scope::config,
             .summary = "An unknown keyword is within two edits of a known one."},
    .check = check,
};

}  // namespace emglint::rules
