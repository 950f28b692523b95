// EMG307 binary-not-executable: a tool, versioned copy or link target lacks its owner's execute bit.
#include <fmt/format.h>

#include <set>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg307 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;

// The mode with execute added for the owner, and for group and others where
// they may read: 0644 becomes 0755, 0600 becomes 0700.
std::string executable_mode(std::uint32_t mode) {
  std::uint32_t result = mode | 0100u;
  if ((mode & 040u) != 0) result |= 010u;
  if ((mode & 04u) != 0) result |= 01u;
  return fmt::format("{:04o}", result & 07777u);
}

// `file` is the regular file at the end of bin/`entry`'s links, as inspected.
Fix chmod_fix(const std::string& path, const BinEntry& file) {
  const std::string new_mode = executable_mode(file.mode);
  return Fix{
      .applicability = Applicability::safe,
      .description = fmt::format("make {} executable (chmod {})", path, new_mode),
      .edits = {},
      .actions = {
          {.kind = FsAction::Kind::chmod,
           .path = path,
           .target = {},
           .from = {},
           .mode = new_mode,
           .before = {.type = report::PathState::Type::regular, .link_target = {}, .content_hash = file.content_hash},
           .from_hash = std::nullopt}}};
}

void check(const CheckContext& context, Findings& findings) {
  std::set<std::string> reported_targets;
  for (const ToolBinary& binary : context.analysis.binaries) {
    const BinEntry& entry = *binary.entry;
    if (entry.final_type != EntryType::regular || entry.owner_can_execute()) continue;
    const std::string path = "bin/" + entry.name;
    if (!binary.link) {
      auto finding = findings.report_path(
          path, fmt::format("`{}` is not executable by its owner (mode {:04o})", entry.name, entry.mode));
      finding->fix = chmod_fix(path, entry);
      continue;
    }
    const LinkResolution& link = *binary.link;
    if (const auto target = link.target_in_bin()) {
      // A tool or versioned copy in bin/ is reported under its own name.
      if (context.analysis.binary(*target) != nullptr) continue;
      if (!reported_targets.insert(*target).second) continue;
      auto finding = findings.report_path(
          path, fmt::format("`{}`, which `bin/{} -> {}` runs, is not executable by its owner (mode {:04o})", *target,
                            entry.name, link.first_hop(), entry.mode));
      finding->fix = chmod_fix("bin/" + *target, entry);
      continue;
    }
    // Outside bin/: reported, but a link out of bin/ is never followed for writing.
    findings.report_path(path, fmt::format("the file outside bin/ that `bin/{} -> {}` runs is not executable by its "
                                           "owner (mode {:04o})",
                                           entry.name, link.first_hop(), entry.mode));
  }
}

}  // namespace emg307

extern const Rule emg307_binary_not_executable{
    .info = {.id = "EMG307",
             .name = "binary-not-executable",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A tool, versioned copy or link target lacks the execute bit for its owner."},
    .check = emg307::check,
};

}  // namespace emglint::rules
