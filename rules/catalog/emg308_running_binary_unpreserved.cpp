// EMG308 running-binary-unpreserved: a plain tool is a regular file that no versioned copy preserves.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg308 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  for (std::string_view tool : inspect::emg_tools) {
    const BinEntry* plain = installation.find(tool);
    // A link, or nothing: the start phase's `rm -f` loses no bytes.
    if (plain == nullptr || plain->type != EntryType::regular) continue;
    // Unreadable, so its bytes cannot be compared: nothing to say either way.
    if (!plain->content_hash) continue;
    if (identical_copy(installation, *plain) != nullptr) continue;
    // With no 7.1 copy at all, EMG301 reports the tool and offers the same copy.
    const std::vector<std::string> old_copies = release_copies(installation, tool, 7, 1);
    if (old_copies.empty()) continue;
    auto finding = findings.report_path(
        fmt::format("bin/{}", tool),
        fmt::format("`{}` is a regular file that no versioned copy preserves (`{}` differs), so the start phase's "
                    "`rm -f bin/{}` would destroy it",
                    tool, old_copies.back(), tool));
    // Whatever release the running file is, its bytes are what must be kept.
    finding->fix = copy_plain_to_versioned_name(installation, tool, std::nullopt);
  }
}

}  // namespace emg308

extern const Rule emg308_running_binary_unpreserved{
    .info = {.id = "EMG308",
             .name = "running-binary-unpreserved",
             .phases = {Phase::prepare},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A plain tool is a regular file whose bytes no versioned copy holds."},
    .check = emg308::check,
};

}  // namespace emglint::rules
