#include "check/catalog.h"

#include "analysis/keywords.h"

#include "rules/engine.h"
#include "rules/registry.h"
#include "rules/rule_pages.h"

namespace emglint::check {

std::vector<const report::RuleInfo*> catalog() {
  std::vector<const report::RuleInfo*> infos;
  for (const rules::Rule* rule : rules::all_rules()) infos.push_back(&rule->info);
  return infos;
}

const report::RuleInfo* find_rule(std::string_view id_or_name) {
  if (const rules::Rule* rule = rules::find_rule(id_or_name)) return &rule->info;
  for (const rules::Rule* rule : rules::all_rules()) {
    if (analysis::iequals(rule->info.name, id_or_name)) return &rule->info;
  }
  return nullptr;
}

std::string_view page_of(std::string_view id) { return rules::page_of(id); }

bool names_rule(std::string_view pattern, std::string_view rule_id) { return rules::names_rule(pattern, rule_id); }

}  // namespace emglint::check
