// EMG007 trailing-comment: a value holds ` #`, which EMG does not document as a comment.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/secrets.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg007 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  for (const config::Option& option : context.analysis.index.options()) {
    if (!option.value()) continue;
    const auto hash = inline_comment_at(*option.value());
    if (!hash) continue;
    config::Span at = *option.value_span();
    // Inside a password, point at the masked value rather than at a hidden `#`.
    const std::size_t offset = is_secret(context.config, option) ? 0 : *hash;
    at.column += offset;
    at.begin += offset;
    at.end_column = at.column + 1;
    at.end = at.begin + 1;
    findings.report(at, fmt::format("the value of `{}` is `{}`: EMG does not document `#` after a value as a "
                                    "comment, so the text after it is part of the value",
                                    option.key(), context.analysis.index.shown_value(option)));
  }
}

}  // namespace emg007

extern const Rule emg007_trailing_comment{
    .info = {.id = "EMG007",
             .name = "trailing-comment",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A value holds ` #`, which EMG may read as part of the value."},
    .check = emg007::check,
};

}  // namespace emglint::rules
