// EMG401 tool-not-symlink: after the start phase, a tool's plain name is a regular file or missing.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "analysis/phase_detection.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg401 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;

std::string_view what_it_is(EntryType type) {
  switch (type) {
    case EntryType::regular: return "a regular file";
    case EntryType::directory: return "a directory";
    case EntryType::other: return "a special file (a FIFO, socket or device)";
    case EntryType::symlink:
    case EntryType::missing: break;
  }
  return "missing";
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  // Without bin/ the directory holds a config, not the binaries EMG runs from.
  if (!installation.has_bin) return;
  const std::string_view phase = to_string(context.phase.effective);
  // Phases keep this rule and EMG308 apart: in prepare the plain names are still
  // the 7.1 files, which EMG308 checks are preserved; from start on they are links.
  for (std::string_view tool : inspect::emg_tools) {
    const BinEntry* plain = installation.find(tool);
    // A link, right or wrong, is EMG402-406's to judge.
    if (plain != nullptr && plain->type == EntryType::symlink) continue;
    const std::string path = fmt::format("bin/{}", tool);
    const auto target = copy_to_link(installation, tool, 2, *context.analysis.tool("emgd"));
    if (plain == nullptr) {
      auto finding = findings.report_path(
          path, fmt::format("`{}` is missing from bin/, where the {} phase needs a link to its 7.2 copy", tool, phase));
      if (!target) continue;
      finding->fix = Fix{.applicability = Applicability::safe,
                         .description = fmt::format("link bin/{} to {}", tool, *target),
                         .edits = {},
                         .actions = {relink(installation, tool, *target)}};
      continue;
    }
    auto finding =
        findings.report_path(path, fmt::format("`{}` is {}, not the link to its 7.2 copy that the {} phase needs", tool,
                                               what_it_is(plain->type), phase));
    // A directory or a device cannot be swapped for a link in one rename, and may be someone's.
    if (!target || plain->type != EntryType::regular) continue;
    finding->fix = Fix{
        .applicability = identical_copy(installation, *plain) != nullptr ? Applicability::safe : Applicability::unsafe,
        .description = fmt::format("replace bin/{} with a link to {}", tool, *target),
        .edits = {},
        .actions = {relink(installation, tool, *target)}};
  }
}

}  // namespace emg401

extern const Rule emg401_tool_not_symlink{
    .info = {.id = "EMG401",
             .name = "tool-not-symlink",
             .phases = {Phase::start, Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool's plain name is a regular file or missing instead of a link to its 7.2 copy."},
    .check = emg401::check,
};

}  // namespace emglint::rules
