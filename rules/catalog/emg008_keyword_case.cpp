// EMG008 keyword-case: a keyword or block kind is not upper case.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg008 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void report(Findings& findings, std::string_view what, std::string_view word, const config::Span& span) {
  const std::string upper = to_upper(word);
  if (upper == word) return;
  auto finding = findings.report(span, fmt::format("{} `{}` is not upper case; EMG documents `{}`", what, word, upper));
  finding->fix = Fix{.applicability = Applicability::safe,
                     .description = fmt::format("write `{}` as `{}`", word, upper),
                     .edits = {{.file = finding->file, .span = span, .replacement = upper, .shown_replacement = {}}},
                     .actions = {}};
}

void check(const CheckContext& context, Findings& findings) {
  for (const auto& option : context.config.general) report(findings, "keyword", option.key(), option.key_span());
  for (const auto& block : context.config.blocks) {
    report(findings, "block kind", block.kind(), block.kind_span());
    for (const auto& option : block.options()) report(findings, "keyword", option.key(), option.key_span());
  }
}

}  // namespace emg008

extern const Rule emg008_keyword_case{
    .info = {.id = "EMG008",
             .name = "keyword-case",
             .phases = PhaseSet::all(),
             .severity = Severity::info,
             .fix = FixAvailability::safe,
             .scope = Scope::config,
             .summary = "A keyword or block kind is not upper case."},
    .check = emg008::check,
};

}  // namespace emglint::rules
