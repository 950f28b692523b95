#include "reporters/catalog_reporter.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace emglint::reporters {

namespace {

std::vector<std::string> phase_names(const report::PhaseSet& phases) {
  std::vector<std::string> names;
  for (report::Phase phase : report::all_phases_in_order) {
    if (phases.contains(phase)) names.emplace_back(report::to_string(phase));
  }
  return names;
}

std::string phases_text(const report::PhaseSet& phases) {
  if (phases.is_all()) return "all";
  return fmt::format("{}", fmt::join(phase_names(phases), " "));
}

}  // namespace

void write_rules_text(std::ostream& out, std::span<const report::RuleInfo* const> rules) {
  out << fmt::format("{:<7} {:<32} {:<8} {:<6} {:<26} {}\n", "ID", "NAME", "SEVERITY", "FIX", "PHASES", "SUMMARY");
  for (const report::RuleInfo* rule : rules) {
    const auto& info = *rule;
    out << fmt::format("{:<7} {:<32} {:<8} {:<6} {:<26} {}\n", info.id, info.name, report::to_string(info.severity),
                       report::to_string(info.fix), phases_text(info.phases), info.summary);
  }
}

void write_rules_json(std::ostream& out, std::span<const report::RuleInfo* const> rules) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const report::RuleInfo* rule : rules) {
    const auto& info = *rule;
    list.push_back({{"id", info.id},
                    {"name", info.name},
                    {"phases", phase_names(info.phases)},
                    {"severity", report::to_string(info.severity)},
                    {"fix", report::to_string(info.fix)},
                    {"scope", report::to_string(info.scope)},
                    {"summary", info.summary}});
  }
  out << list.dump(2) << '\n';
}

}  // namespace emglint::reporters
