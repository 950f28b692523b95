// EMG305 malformed-versioned-name: a bin/ entry looks versioned but is not TOOL-MAJOR.MINOR.PATCH-BUILD.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg305 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  for (const auto& entry : context.installation->bin) {
    const auto tool = inspect::looks_versioned(entry.name);
    if (!tool) continue;
    findings.report_path(
        "bin/" + entry.name,
        fmt::format("`{}` looks like a versioned copy of `{}` but is not named `{}-MAJOR.MINOR.PATCH-BUILD`",
                    entry.name, *tool, *tool));
  }
}

}  // namespace emg305

extern const Rule emg305_malformed_versioned_name{
    .info = {.id = "EMG305",
             .name = "malformed-versioned-name",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "A bin/ entry looks like a versioned tool but is not named TOOL-MAJOR.MINOR.PATCH-BUILD."},
    .check = emg305::check,
};

}  // namespace emglint::rules
