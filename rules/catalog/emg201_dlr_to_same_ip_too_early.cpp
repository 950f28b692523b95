// EMG201 dlr-to-same-ip-too-early: DLR_TO_SAME_IP is set before the commit phase.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg201 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const config::ConfigModel& config = context.config;
  for (const config::Option& option : context.analysis.index.options()) {
    if (!iequals(option.key(), "DLR_TO_SAME_IP")) continue;
    const std::string shown = context.analysis.index.shown_option(option);
    auto finding = findings.report(
        option_text_span(option),
        fmt::format("`{}` is set in {} before the commit phase: it is new in 7.2, and the procedure sets it "
                    "only after commit, when 7.1 no longer has to read this file",
                    shown, option_place(config, option)));
    finding->fix = Fix{.applicability = Applicability::unsafe,
                       .description = fmt::format("comment out `{}`", shown),
                       .edits = {comment_out_line(context.analysis.index, finding->file, option.line())},
                       .actions = {}};
  }
}

}  // namespace emg201

extern const Rule emg201_dlr_to_same_ip_too_early{
    .info = {.id = "EMG201",
             .name = "dlr-to-same-ip-too-early",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::unsafe,
             .scope = Scope::config,
             .summary = "DLR_TO_SAME_IP is set before the commit phase."},
    .check = emg201::check,
};

}  // namespace emglint::rules
