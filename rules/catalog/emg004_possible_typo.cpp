// EMG004 possible-typo: an unknown keyword lies close to a known one and is not shaped like a keyword of its own.
#include <fmt/format.h>

#include <array>
#include <string>

#include "analysis/keywords.h"
#include "parser/words.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg004 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

// Two edits turn most four-letter words into another; short keys get one.
// Both stay within config::edit_distance_limit, up to which distances are exact.
std::size_t allowed_distance(std::string_view key) { return key.size() <= 4 ? 1 : 2; }

const Keyword* closest_keyword(const Vocabulary& vocabulary, const std::string& upper) {
  const Keyword* best = nullptr;
  std::size_t best_distance = allowed_distance(upper) + 1;
  for (const Keyword& keyword : vocabulary.keywords()) {
    const std::size_t distance = config::edit_distance(upper, keyword.name);
    if (distance < best_distance) {
      best = &keyword;
      best_distance = distance;
    }
  }
  return best;
}

// The parts EMG builds keyword names from (PDULOG and PDULOGDB, ROTATELOGS and
// ROTATELOGS_DEBUG, LOGLEVEL and CONNECTOR_LOGLEVEL, DEFAULT_CHARCODE_TEXT).
constexpr std::array<std::string_view, 7> keyword_suffixes = {"DB",     "_DB",       "LOG", "_LOG",
                                                              "_DEBUG", "_LOGLEVEL", "_DLR"};
constexpr std::array<std::string_view, 2> keyword_prefixes = {"DEFAULT_", "DISABLE_"};

bool joins(std::string_view whole, std::string_view head, std::string_view tail) {
  return whole.size() == head.size() + tail.size() && whole.starts_with(head) && whole.ends_with(tail);
}

// A known keyword with one of those parts added or removed: most likely a real
// keyword emglint does not list (the vendor's vocabulary is larger than any
// list), not a typo of its neighbour.
bool has_keyword_shape(const Vocabulary& vocabulary, std::string_view upper) {
  for (const Keyword& keyword : vocabulary.keywords()) {
    for (std::string_view suffix : keyword_suffixes) {
      if (joins(upper, keyword.name, suffix) || joins(keyword.name, upper, suffix)) return true;
    }
    for (std::string_view prefix : keyword_prefixes) {
      if (joins(upper, prefix, keyword.name) || joins(keyword.name, prefix, upper)) return true;
    }
  }
  return false;
}

void check(const CheckContext& context, Findings& findings) {
  const Vocabulary& vocabulary = context.analysis.vocabulary;
  for (const config::Option& option : context.analysis.index.options()) {
    if (vocabulary.find(option.key()) != nullptr) continue;
    const std::string upper = to_upper(option.key());
    const Keyword* suggestion = closest_keyword(vocabulary, upper);
    if (suggestion == nullptr || has_keyword_shape(vocabulary, upper)) continue;
    auto finding = findings.report(
        option.key_span(), fmt::format("unknown keyword `{}`; did you mean `{}`?", option.key(), suggestion->name));
    finding->fix = Fix{.applicability = Applicability::unsafe,
                       .description = fmt::format("rename `{}` to `{}`", option.key(), suggestion->name),
                       .edits = {{.file = finding->file,
                                  .span = option.key_span(),
                                  .replacement = std::string(suggestion->name),
                                  .shown_replacement = {}}},
                       .actions = {}};
  }
}

}  // namespace emg004

extern const Rule emg004_possible_typo{
    .info = {.id = "EMG004",
             .name = "possible-typo",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::unsafe,
             .scope = Scope::config,
             .summary = "An unknown keyword is within two edits of a known one and not a known one with a part such as "
                        "DB added or removed."},
    .check = emg004::check,
};

}  // namespace emglint::rules
