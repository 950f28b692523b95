#include "rules/engine.h"

#include <algorithm>
#include <tuple>

#include "rules/keywords.h"
#include "rules/registry.h"
#include "rules/secrets.h"

namespace emglint::rules {

namespace {

bool matches_any(std::string_view rule_id, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) { return names_rule(pattern, rule_id); });
}

bool has_what_it_needs(Scope scope, const CheckContext& context) {
  switch (scope) {
    case Scope::config: return true;
    case Scope::installation: return context.installation != nullptr;
    case Scope::open_files: return context.installation != nullptr || context.settings.ulimit.has_value();
    case Scope::rc_local: return context.rc_local != nullptr;
  }
  return false;
}

bool applies(const RuleInfo& info, const CheckContext& context) {
  return has_what_it_needs(info.scope, context) && info.phases.contains(context.phase.effective);
}

}  // namespace

bool names_rule(std::string_view pattern, std::string_view rule_id) {
  return rule_id.size() >= pattern.size() && iequals(rule_id.substr(0, pattern.size()), pattern);
}

bool Selection::selects(std::string_view rule_id) const {
  if (!select.empty() && !matches_any(rule_id, select)) return false;
  return !matches_any(rule_id, ignore);
}

std::vector<Finding> run_rules(const CheckContext& context, const Selection& selection) {
  std::vector<Finding> findings;
  for (const Rule* rule : all_rules()) {
    if (!selection.selects(rule->info.id) || !applies(rule->info, context)) continue;
    Findings sink(rule->info, context, findings);
    rule->check(context, sink);
  }

  const std::vector<Secret> secrets = find_secrets(context.config);
  for (Finding& finding : findings) {
    finding.message = scrub_secrets(std::move(finding.message), context.config, secrets, min_scrubbed_in_prose);
    // Rules quote values in short; this bounds any that slipped through.
    if (finding.message.size() > max_message_size) finding.message.replace(max_message_size, std::string::npos, "...");
    if (finding.span && finding.file == context.config_file) {
      finding.source_line = masked_line(context.config, secrets, finding.span->line);
    }
    if (finding.fix) {
      for (TextEdit& edit : finding.fix->edits) {
        edit.shown_replacement = scrub_secrets(edit.replacement, context.config, secrets, 1);
      }
    }
  }
  sort_findings(findings);
  return findings;
}

void sort_findings(std::vector<Finding>& findings) {
  const auto key = [](const Finding& finding) {
    const std::size_t line = finding.span ? finding.span->line : 0;
    const std::size_t column = finding.span ? finding.span->column : 0;
    return std::make_tuple(std::string_view(finding.file), line, column, finding.rule->id,
                           std::string_view(finding.message));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

}  // namespace emglint::rules
