// EMG302 new-version-copy-missing: a tool has no versioned 7.2 copy in bin/.
#include <fmt/format.h>

#include <set>

#include "analysis/phase_detection.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;
using inspect::Version;

// The 7.2 version-build of the distribution, from its versioned names or from
// a tool of it that a 7.2 copy in bin/ matches byte for byte; nullopt when
// unknown or ambiguous. emglint does not run the distribution's binaries.
std::optional<Version> distribution_version(const Installation& installation) {
  std::set<Version> seen;
  for (const auto& shipped : *installation.dist) {
    if (shipped.final_type != EntryType::regular) continue;
    if (const auto versioned = inspect::parse_versioned_name(shipped.name)) {
      if (inspect::is_emg_tool(versioned->tool) && versioned->version.is_release(7, 2)) seen.insert(versioned->version);
      continue;
    }
    if (!inspect::is_emg_tool(shipped.name) || !shipped.content_hash) continue;
    for (const auto& copy : installation.bin) {
      const auto versioned = inspect::parse_versioned_name(copy.name);
      if (versioned && versioned->tool == shipped.name && versioned->version.is_release(7, 2) &&
          copy.final_type == EntryType::regular && copy.content_hash == shipped.content_hash) {
        seen.insert(versioned->version);
      }
    }
  }
  if (seen.size() != 1) return std::nullopt;
  return *seen.begin();
}

// Copying the tool from the distribution to its versioned name in bin/.
std::optional<Fix> copy_fix(const Installation& installation, std::string_view tool) {
  // Only `--dist` says where the 7.2 binaries are.
  if (!installation.dist) return std::nullopt;
  const auto version = distribution_version(installation);
  if (!version) return std::nullopt;
  const std::string copy_name = fmt::format("{}-{}", tool, version->to_string());
  if (installation.find(copy_name) != nullptr) return std::nullopt;  // never overwrite what is there
  const BinEntry* source = find_entry(*installation.dist, copy_name);
  if (source == nullptr) source = find_entry(*installation.dist, tool);
  if (source == nullptr || source->final_type != EntryType::regular) return std::nullopt;
  return Fix{.applicability = Applicability::safe,
             .description = fmt::format("copy {} from the distribution to bin/{}", source->name, copy_name),
             .edits = {},
             .actions = {{.kind = FsAction::Kind::copy,
                          .path = "bin/" + copy_name,
                          .target = {},
                          .from = installation.dist_bin + "/" + source->name,
                          .mode = {},
                          .before = state_of(nullptr),
                          .from_hash = source->content_hash}}};
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  // Without bin/ the directory holds a config, not the binaries EMG runs from.
  if (!installation.has_bin) return;
  for (std::string_view tool : inspect::emg_tools) {
    const ReleaseCopy copy = find_release_copy(installation, tool, 7, 2);
    if (copy.present) continue;
    const BinEntry* unusable = copy.unusable;  // a 7.2 name that is no file: a dangling link, a directory
    const std::string message =
        unusable != nullptr
            ? fmt::format("`{}` is not a file, so `{}` has no 7.2 copy for its link to point at", unusable->name, tool)
            : fmt::format("`{}` has no 7.2 copy (`{}-7.2.N-BUILD`) in bin/ for its link to point at", tool, tool);
    auto finding = findings.report_path(fmt::format("bin/{}", tool), message);
    finding->fix = copy_fix(installation, tool);
  }
}

}  // namespace

extern const Rule emg302_new_version_copy_missing{
    .info = {.id = "EMG302",
             .name = "new-version-copy-missing",
             .phases = {Phase::prepare, Phase::start, Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool has no versioned 7.2 copy in bin/.",
             .needs = report::Needs::dist_for_fix},
    .check = check,
};

}  // namespace emglint::rules
