// EMG901 owned-by-root: a file of the installation belongs to root while EMGDIR does not.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

constexpr std::size_t max_reported_entries = 20;

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  // An installation run by root has nothing to fear from root-owned files.
  if (installation.root_owner == 0) return;
  std::size_t reported = 0;
  std::size_t more = 0;
  for (const auto& entry : installation.entries) {
    if (entry.owner != 0) continue;
    if (reported == max_reported_entries) {
      ++more;
      continue;
    }
    ++reported;
    findings.report_path(entry.path, fmt::format("{} belongs to root while the installation belongs to uid {}: EMG, "
                                                 "running as that user, may fail to write or replace it",
                                                 entry.path, installation.root_owner));
  }
  if (more > 0) {
    findings.report_path(".", fmt::format("{} more entries belong to root", more));
  }
}

}  // namespace

extern const Rule emg901_owned_by_root{
    .info = {.id = "EMG901",
             .name = "owned-by-root",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "A file of the installation belongs to root while EMGDIR belongs to another user."},
    .check = check,
};

}  // namespace emglint::rules
