// EMG010 unused-suppression: a `# emglint: ignore` comment that silences nothing.
#include <fmt/format.h>

#include <algorithm>

#include "rules/engine.h"
#include "rules/registry.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg010 {

bool silenced_by(const analysis::InlineSuppression& suppression, const std::string& id, const CheckContext& context,
                 const Review& review) {
  return std::any_of(review.findings.begin(), review.findings.end(), [&](const Finding& finding) {
    if (finding.file != context.config_file || !finding.suppression) return false;
    if (!names_rule(id, finding.rule->id)) return false;
    return suppression.silences(finding.rule->id, finding.span ? std::optional(finding.span->line) : std::nullopt);
  });
}

// Which suppression and which of its IDs: comments alike in one file stay apart by the line they silence.
std::string object_of(const analysis::InlineSuppression& suppression, std::string_view id, const CheckContext& context) {
  const std::string where = suppression.whole_file       ? std::string("the file")
                            : suppression.silenced_line ? context.analysis.index.object_at(*suppression.silenced_line)
                                                        : std::string("the end of the file");
  return fmt::format("ignore {} for {}", id.empty() ? "nothing" : id, where);
}

void review(const CheckContext& context, const Review& review, Findings& findings) {
  for (const auto& suppression : context.analysis.inline_suppressions) {
    const std::string_view kind = suppression.whole_file ? "ignore-file" : "ignore";
    if (suppression.ids.empty()) {
      findings.report(suppression.comment, fmt::format("`# emglint: {}` names no rule, so it silences nothing", kind))
          ->object = object_of(suppression, "", context);
      continue;
    }
    for (const std::string& id : suppression.ids) {
      const auto all = all_rules();
      const bool known = std::any_of(all.begin(), all.end(), [&](const Rule* rule) { return names_rule(id, rule->info.id); });
      if (!known) {
        findings
            .report(suppression.comment,
                    fmt::format("`# emglint: {}` names `{}`, which is no rule; `emglint rules` lists them", kind, id))
            ->object = object_of(suppression, id, context);
        continue;
      }
      // A rule that did not run (not selected, another phase) may well have had something to say here.
      const bool ran = std::any_of(review.ran.begin(), review.ran.end(),
                                   [&](std::string_view rule_id) { return names_rule(id, rule_id); });
      if (!ran || silenced_by(suppression, id, context, review)) continue;
      const std::string why =
          suppression.whole_file      ? fmt::format("{} finds nothing in this file", id)
          : suppression.silenced_line ? fmt::format("{} finds nothing on line {}", id, *suppression.silenced_line)
                                      : std::string("no line follows it");
      findings.report(suppression.comment, fmt::format("`# emglint: {} {}` silences nothing: {}", kind, id, why))
          ->object = object_of(suppression, id, context);
    }
  }
}

}  // namespace emg010

extern const Rule emg010_unused_suppression{
    .info = {.id = "EMG010",
             .name = "unused-suppression",
             .phases = PhaseSet::all(),
             .severity = Severity::info,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A `# emglint: ignore` comment silences nothing."},
    .review = emg010::review,
};

}  // namespace emglint::rules
