// EMG301 old-version-copy-missing: a tool has no versioned 7.1 copy in bin/.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/phase_detection.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;
using inspect::Version;

// What the plain file is: the versioned file of the tool with the same bytes
// says so; otherwise what it answered to `-v`.
std::optional<Version> known_version(const Installation& installation, const BinEntry& plain) {
  for (const auto& other : installation.bin) {
    if (other.final_type != EntryType::regular || !other.content_hash || other.content_hash != plain.content_hash) {
      continue;
    }
    const auto versioned = inspect::parse_versioned_name(other.name);
    if (versioned && versioned->tool == plain.name) return versioned->version;
  }
  const inspect::ProbeResult* probe = installation.probe(plain.name);
  if (probe != nullptr && probe->outcome == inspect::ProbeResult::Outcome::answered) return probe->version;
  return std::nullopt;
}

// Copying the plain file to its versioned name, when the plain name is a
// regular 7.1 file of known version and that name is free.
std::optional<Fix> copy_fix(const Installation& installation, std::string_view tool) {
  const BinEntry* plain = installation.find(tool);
  if (plain == nullptr || plain->type != EntryType::regular) return std::nullopt;
  const auto version = known_version(installation, *plain);
  // Naming a 7.2 file, or one of unknown build, as 7.1 would mislead the downgrade.
  if (!version || !version->is_release(7, 1)) return std::nullopt;
  const std::string copy_name = fmt::format("{}-{}", tool, version->to_string());
  if (installation.find(copy_name) != nullptr) return std::nullopt;  // never overwrite what is there
  return Fix{.safety = FixSafety::safe,
             .description = fmt::format("copy bin/{} to bin/{}, keeping mode and owner", tool, copy_name),
             .edits = {},
             .actions = {{.kind = FsAction::Kind::copy,
                          .path = "bin/" + copy_name,
                          .target = {},
                          .from = fmt::format("bin/{}", tool),
                          .mode = {}}}};
}

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
    auto& finding = findings.report_path(fmt::format("bin/{}", tool), message);
    finding.fix = copy_fix(installation, tool);
  }
}

}  // namespace

extern const Rule emg301_old_version_copy_missing{
    .info = {.id = "EMG301",
             .name = "old-version-copy-missing",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool has no versioned 7.1 copy in bin/."},
    .check = check,
};

}  // namespace emglint::rules
