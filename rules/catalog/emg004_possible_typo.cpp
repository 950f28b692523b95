// EMG004 possible-typo: an unknown keyword lies close to a known one.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Optimal string alignment distance: a swap of two neighbours counts as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// Two edits turn most four-letter words into another; short keys get one.
std::size_t allowed_distance(std::string_view key) { return key.size() <= 4 ? 1 : 2; }

const Keyword* closest_keyword(std::string_view key) {
  const std::string upper = to_upper(key);
  if (upper.size() > 64) return nullptr;  // no keyword is that long; spare the quadratic table
  const Keyword* best = nullptr;
  std::size_t best_distance = allowed_distance(upper) + 1;
  for (const Keyword& keyword : known_keywords()) {
    const std::size_t distance = edit_distance(upper, keyword.name);
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
    auto finding = findings.report(option->key_span, fmt::format("unknown keyword `{}`; did you mean `{}`?",
                                                                  option->key, suggestion->name));
    finding->fix = Fix{.applicability = Applicability::unsafe,
                      .description = fmt::format("rename `{}` to `{}`", option->key, suggestion->name),
                      .edits = {{.file = finding->file, .span = option->key_span,
                                 .replacement = std::string(suggestion->name), .shown_replacement = {}}},
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
