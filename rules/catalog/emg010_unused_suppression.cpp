// EMG010 unused-suppression: a `# emglint: ignore` comment that silences nothing.
#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "report/work_counter.h"
#include "rules/engine.h"
#include "rules/registry.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg010 {

// What the findings an inline suppression silenced were, as the ID patterns
// that name their rules: each suppression's IDs are then looked up, not
// compared with every finding.
struct SilencedFindings {
  std::set<std::string> in_file;                          // upper-cased ID patterns
  std::set<std::pair<std::size_t, std::string>> on_line;  // (line, upper-cased ID pattern)

  SilencedFindings(const CheckContext& context, const Review& review) {
    for (const Finding& finding : review.findings) {
      report::count_work();
      if (finding.file != context.config_file || !finding.suppression) continue;
      for (std::string& pattern : analysis::id_patterns_naming(finding.rule->id)) {
        if (finding.span) on_line.emplace(finding.span->line, pattern);
        in_file.insert(std::move(pattern));
      }
    }
  }

  [[nodiscard]] bool silenced_by(const analysis::InlineSuppression& suppression, const std::string& id) const {
    const std::string pattern = analysis::to_upper(id);
    if (suppression.whole_file) return in_file.contains(pattern);
    return suppression.silenced_line && on_line.contains({*suppression.silenced_line, pattern});
  }
};

// Which suppression and which of its IDs: comments alike in one file stay apart by the line they silence.
std::string object_of(const analysis::InlineSuppression& suppression, std::string_view id, const CheckContext& context) {
  const std::string where = suppression.whole_file       ? std::string("the file")
                            : suppression.silenced_line ? context.analysis.index.object_at(*suppression.silenced_line)
                                                        : std::string("the end of the file");
  return fmt::format("ignore {} for {}", id.empty() ? "nothing" : id, where);
}

void review(const CheckContext& context, const Review& review, Findings& findings) {
  const SilencedFindings silenced(context, review);
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
      if (!ran || silenced.silenced_by(suppression, id)) continue;
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
