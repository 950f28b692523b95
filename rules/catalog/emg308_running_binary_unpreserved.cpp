// EMG308 running-binary-unpreserved: a plain tool is a regular file that no versioned copy preserves.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;

// Copying the plain file to the versioned name its `-v` answer gives, when that name is free.
std::optional<Fix> copy_fix(const Installation& installation, const BinEntry& plain) {
  const inspect::ProbeResult* probe = installation.probe(plain.name);
  if (probe == nullptr || probe->outcome != inspect::ProbeResult::Outcome::answered || !probe->version) {
    return std::nullopt;
  }
  const std::string copy_name = fmt::format("{}-{}", plain.name, probe->version->to_string());
  // A different file under that name already: which one is right is the operator's call.
  if (installation.find(copy_name) != nullptr) return std::nullopt;
  return Fix{.safety = FixSafety::safe,
             .description = fmt::format("copy bin/{} to bin/{}, keeping mode and owner", plain.name, copy_name),
             .edits = {},
             .actions = {{.kind = FsAction::Kind::copy,
                          .path = "bin/" + copy_name,
                          .target = {},
                          .from = "bin/" + plain.name,
                          .mode = {}}}};
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  for (std::string_view tool : inspect::emg_tools) {
    const BinEntry* plain = installation.find(tool);
    // A link, or nothing: the start phase's `rm -f` loses no bytes.
    if (plain == nullptr || plain->type != EntryType::regular) continue;
    // Unreadable, so its bytes cannot be compared: nothing to say either way.
    if (!plain->content_hash) continue;
    bool preserved = false;
    const BinEntry* old_copy = nullptr;  // a 7.1 copy, to name in the message
    for (const auto& entry : installation.bin) {
      const auto versioned = inspect::parse_versioned_name(entry.name);
      if (!versioned || versioned->tool != tool || entry.final_type != EntryType::regular) continue;
      if (entry.content_hash == plain->content_hash) {
        preserved = true;
        break;
      }
      if (versioned->version.is_release(7, 1)) old_copy = &entry;
    }
    if (preserved) continue;
    // With no 7.1 copy at all, EMG301 reports the tool and offers the same copy.
    if (old_copy == nullptr) continue;
    auto& finding = findings.report_path(
        fmt::format("bin/{}", tool),
        fmt::format("`{}` is a regular file that no versioned copy preserves (`{}` differs), so the start phase's "
                    "`rm -f bin/{}` would destroy it",
                    tool, old_copy->name, tool));
    finding.fix = copy_fix(installation, *plain);
  }
}

}  // namespace

extern const Rule emg308_running_binary_unpreserved{
    .info = {.id = "EMG308",
             .name = "running-binary-unpreserved",
             .phases = {Phase::prepare},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A plain tool is a regular file whose bytes no versioned copy holds."},
    .check = check,
};

}  // namespace emglint::rules
