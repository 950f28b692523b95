#include "reporters/catalog_reporter.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "rules/registry.h"

namespace emglint::reporters {

namespace {

std::vector<std::string> phase_names(const rules::PhaseSet& phases) {
  std::vector<std::string> names;
  for (rules::Phase phase : rules::all_phases_in_order) {
    if (phases.contains(phase)) names.emplace_back(rules::to_string(phase));
  }
  return names;
}

std::string phases_text(const rules::PhaseSet& phases) {
  if (phases.is_all()) return "all";
  return fmt::format("{}", fmt::join(phase_names(phases), " "));
}

}  // namespace

void write_rules_text(std::ostream& out) {
  out << fmt::format("{:<7} {:<32} {:<8} {:<6} {:<26} {}\n", "ID", "NAME", "SEVERITY", "FIX", "PHASES", "SUMMARY");
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info;
    out << fmt::format("{:<7} {:<32} {:<8} {:<6} {:<26} {}\n", info.id, info.name, rules::to_string(info.severity),
                       rules::to_string(info.fix), phases_text(info.phases), info.summary);
  }
}

void write_rules_json(std::ostream& out) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const rules::Rule* rule : rules::all_rules()) {
    const auto& info = rule->info;
    list.push_back({{"id", info.id},
                    {"name", info.name},
                    {"phases", phase_names(info.phases)},
                    {"severity", rules::to_string(info.severity)},
                    {"fix", rules::to_string(info.fix)},
                    {"scope", rules::to_string(info.scope)},
                    {"summary", info.summary}});
  }
  out << list.dump(2) << '\n';
}

}  // namespace emglint::reporters
