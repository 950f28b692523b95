// EMG202 dlr-to-same-ip-in-general: DLR_TO_SAME_IP stands in the general section instead of on connectors.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/secrets.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg202 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  // In a block other than CONNECTOR it is EMG005's case; here only the general section.
  for (const config::Option* option : context.analysis.index.general("DLR_TO_SAME_IP")) {
    const std::string shown = context.analysis.index.shown_option(*option);
    findings.report(option_text_span(*option),
                    fmt::format("`{}` stands in the general section, but EMG documents it as a connector "
                                "option: set it inside each CONNECTOR block that needs it",
                                shown));
  }
}

}  // namespace emg202

extern const Rule emg202_dlr_to_same_ip_in_general{
    .info = {.id = "EMG202",
             .name = "dlr-to-same-ip-in-general",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "DLR_TO_SAME_IP stands in the general section instead of on connectors."},
    .check = emg202::check,
};

}  // namespace emglint::rules
