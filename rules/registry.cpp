#include "rules/registry.h"

#include <array>

#include "rules/keywords.h"
#include "rules/rule_pages.h"

namespace emglint::rules {

extern const Rule emg001_syntax_error;
extern const Rule emg002_duplicate_section;
extern const Rule emg003_duplicate_option;
extern const Rule emg004_possible_typo;
extern const Rule emg005_wrong_scope;
extern const Rule emg006_invalid_value;
extern const Rule emg007_trailing_comment;
extern const Rule emg008_keyword_case;
extern const Rule emg009_unknown_block_kind;

namespace {

const std::array catalog = {
    &emg001_syntax_error,
    &emg002_duplicate_section,
    &emg003_duplicate_option,
    &emg004_possible_typo,
    &emg005_wrong_scope,
    &emg006_invalid_value,
    &emg007_trailing_comment,
    &emg008_keyword_case,
    &emg009_unknown_block_kind,
};

}  // namespace

std::span<const Rule* const> all_rules() { return catalog; }

const Rule* find_rule(std::string_view id) {
  for (const Rule* rule : catalog) {
    if (iequals(rule->info.id, id)) return rule;
  }
  return nullptr;
}

std::string_view page_of(std::string_view id) {
  for (const RulePage& page : rule_pages()) {
    if (iequals(page.id, id)) return page.markdown;
  }
  return {};
}

}  // namespace emglint::rules
