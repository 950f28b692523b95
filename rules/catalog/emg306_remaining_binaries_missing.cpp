// EMG306 remaining-binaries-missing: a file of the distribution's bin/ is missing from bin/ or differs.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg306 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;

// The seven tools live in bin/ as versioned copies and links (EMG3xx, EMG4xx);
// "the remaining binaries" are everything else the distribution ships.
bool is_remaining_binary(const BinEntry& shipped) {
  if (inspect::is_emg_tool(shipped.name)) return false;
  const auto versioned = inspect::parse_versioned_name(shipped.name);
  return !(versioned && inspect::is_emg_tool(versioned->tool));
}

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  // Only --dist says what the distribution holds; without bin/ the directory
  // holds a config, not the binaries EMG runs from.
  if (!installation.dist || !installation.has_bin) return;
  for (const BinEntry& shipped : *installation.dist) {
    if (shipped.final_type != EntryType::regular || !is_remaining_binary(shipped)) continue;
    const BinEntry* here = installation.find(shipped.name);
    const bool missing = here == nullptr;
    if (!missing && here->final_type == EntryType::regular && here->content_hash &&
        here->content_hash == shipped.content_hash) {
      continue;
    }
    const std::string path = "bin/" + shipped.name;
    std::string message;
    if (missing) {
      message = fmt::format("`{}` of the distribution is missing from bin/", shipped.name);
    } else if (here->final_type != EntryType::regular) {
      message = fmt::format("`{}` in bin/ is not a file, unlike the distribution's", shipped.name);
    } else {
      message = fmt::format("`{}` in bin/ differs from the distribution's", shipped.name);
    }
    auto finding = findings.report_path(path, std::move(message));
    // Copying over a link or a directory would write where the link leads or fail half-way.
    if (!missing && here->type != EntryType::regular) continue;
    finding->fix = Fix{.applicability = Applicability::safe,
                       .description = fmt::format("copy {} from the distribution to bin/", shipped.name),
                       .edits = {},
                       .actions = {{.kind = FsAction::Kind::copy,
                                    .path = path,
                                    .target = {},
                                    .from = installation.dist_bin + "/" + shipped.name,
                                    .mode = {},
                                    .before = state_of(here),
                                    .from_hash = shipped.content_hash}}};
  }
}

}  // namespace emg306

extern const Rule emg306_remaining_binaries_missing{
    .info = {.id = "EMG306",
             .name = "remaining-binaries-missing",
             .phases = {Phase::start, Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::installation,
             .summary = "A file of the 7.2 distribution's bin/ is missing from bin/ or differs in content.",
             .needs = report::Needs::dist},
    .check = emg306::check,
};

}  // namespace emglint::rules
