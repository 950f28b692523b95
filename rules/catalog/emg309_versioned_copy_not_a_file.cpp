// EMG309 versioned-copy-not-a-file: a versioned copy in bin/ is a link, not a file.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg309 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;

void check(const CheckContext& context, Findings& findings) {
  for (const ToolBinary& binary : context.analysis.binaries) {
    if (!binary.versioned || !binary.link) continue;
    const BinEntry& entry = *binary.entry;
    const LinkResolution& link = *binary.link;
    const std::string path = "bin/" + entry.name;
    auto finding = findings.report_path(
        path, fmt::format("`{} -> {}` is a link, not a copy: the procedure copies each release into bin/, and a link "
                          "into the unpacked download stops working when the download is removed",
                          path, link.first_hop()));
    // Only a link that ends at a file has bytes to copy; a dangling one is EMG402's or EMG301's matter.
    if (link.dangling || link.loop || entry.final_type != EntryType::regular) continue;
    // A copy under this name must hold this release: a link on to another version's name would be mislabelled.
    const bool names_another_version =
        std::any_of(link.versioned_on_the_way.begin(), link.versioned_on_the_way.end(),
                    [&](const inspect::VersionedName& named) { return named.version != binary.versioned->version; });
    if (names_another_version) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("replace the link {} with a copy of {}, keeping mode and owner", path,
                                                  link.target.path),
                       .edits = {},
                       .actions = {{.kind = FsAction::Kind::copy,
                                    .path = path,
                                    .target = {},
                                    .from = link.target.path,
                                    .mode = {},
                                    .before = state_of(&entry),
                                    .from_hash = entry.content_hash}}};
  }
}

}  // namespace emg309

extern const Rule emg309_versioned_copy_not_a_file{
    .info = {.id = "EMG309",
             .name = "versioned-copy-not-a-file",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A versioned copy in bin/ is a link instead of a file."},
    .check = emg309::check,
};

}  // namespace emglint::rules
