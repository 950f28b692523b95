// EMG301 old-version-copy-missing: a tool has no versioned 7.1 copy in bin/.
#include <fmt/format.h>

#include "analysis/phase_detection.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg301 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::Installation;

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  // Without bin/ the directory holds a config, not the binaries EMG runs from.
  if (!installation.has_bin) return;
  for (std::string_view tool : inspect::emg_tools) {
    const ReleaseCopy copy = find_release_copy(installation, tool, 7, 1);
    if (copy.present) continue;
    const BinEntry* unusable = copy.unusable;  // a 7.1 name that is no file: a dangling link, a directory
    const std::string message =
        unusable != nullptr
            ? fmt::format("`{}` is not a file, so `{}` has no 7.1 copy to fall back to", unusable->name, tool)
            : fmt::format("`{}` has no 7.1 copy (`{}-7.1.N-BUILD`) in bin/ to fall back to", tool, tool);
    auto finding = findings.report_path(fmt::format("bin/{}", tool), message);
    // Only a plain file known to be 7.1 can become the missing 7.1 copy.
    finding->fix = copy_plain_to_versioned_name(installation, tool, 1);
  }
}

}  // namespace emg301

extern const Rule emg301_old_version_copy_missing{
    .info = {.id = "EMG301",
             .name = "old-version-copy-missing",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool has no versioned 7.1 copy in bin/."},
    .check = emg301::check,
};

}  // namespace emglint::rules
