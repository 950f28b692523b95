// EMG302 new-version-copy-missing: a tool has no versioned 7.2 copy in bin/.
#include <fmt/format.h>

#include <optional>
#include <string>

#include "analysis/distribution.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "inspect/versions.h"
#include "rules/rule.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

namespace emg302 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;

// The copy of a tool from the distribution, or why there is none.
struct DistributionCopy {
  std::optional<Fix> fix;
  std::string missing;  // a clause the message ends with: what the copy needs, or what stands in its way
};

// `unusable`: the 7.2 name of the tool that is no file, which the message names already.
DistributionCopy copy_from_distribution(const CheckContext& context, std::string_view tool, const BinEntry* unusable) {
  const Installation& installation = *context.installation;
  // Only `--dist` says where the 7.2 binaries are; a download unpacked as it
  // comes has plain names, which only its emgd's -v can turn into versioned ones.
  if (!installation.dist) {
    return {.fix = std::nullopt,
            .missing = context.settings.probe_versions
                           ? "copying it from the distribution needs --dist"
                           : "copying it from the distribution needs --dist and, for a download with plain "
                             "names, --probe-versions"};
  }
  const DistributionRelease& release = *context.analysis.distribution;
  if (!release.version) return {.fix = std::nullopt, .missing = release.unknown_because};
  const std::string copy_name = fmt::format("{}-{}", tool, release.version->to_string());
  // Something else under that name already: which one is right is the operator's call.
  if (const BinEntry* taken = installation.find(copy_name)) {
    return {.fix = std::nullopt,
            .missing = taken == unusable
                           ? std::string("no fix copies over it")
                           : fmt::format("`{}` stands where the copy would go, and no fix copies over it", copy_name)};
  }
  const BinEntry* source = find_entry(*installation.dist, copy_name);
  if (source == nullptr) source = find_entry(*installation.dist, tool);
  if (source == nullptr) return {.fix = std::nullopt, .missing = fmt::format("the distribution has no `{}`", tool)};
  if (source->final_type != EntryType::regular) {
    return {.fix = std::nullopt, .missing = fmt::format("the distribution's `{}` is not a file", source->name)};
  }
  return {.fix = Fix{.applicability = Applicability::safe,
                     .description = fmt::format("copy {} from the distribution to bin/{}", source->name, copy_name),
                     .edits = {},
                     .actions = {{.kind = FsAction::Kind::copy,
                                  .path = "bin/" + copy_name,
                                  .target = {},
                                  .from = installation.dist_bin + "/" + source->name,
                                  .mode = {},
                                  .before = state_of(nullptr),
                                  .from_hash = source->content_hash}}},
          .missing = {}};
}

void check(const CheckContext& context, Findings& findings) {
  const Installation& installation = *context.installation;
  // Without bin/ the directory holds a config, not the binaries EMG runs from.
  if (!installation.has_bin) return;
  for (std::string_view tool : inspect::emg_tools) {
    const ReleaseCopy copy = find_release_copy(installation, tool, 7, 2);
    if (copy.present) continue;
    const BinEntry* unusable = copy.unusable;  // a 7.2 name that is no file: a dangling link, a directory
    DistributionCopy from_distribution = copy_from_distribution(context, tool, unusable);
    std::string message =
        unusable != nullptr
            ? fmt::format("`{}` is not a file, so `{}` has no 7.2 copy for its link to point at", unusable->name, tool)
            : fmt::format("`{}` has no 7.2 copy (`{}-7.2.N-BUILD`) in bin/ for its link to point at", tool, tool);
    if (!from_distribution.missing.empty()) message += "; " + from_distribution.missing;
    auto finding = findings.report_path(fmt::format("bin/{}", tool), std::move(message));
    finding->fix = std::move(from_distribution.fix);
  }
}

}  // namespace emg302

extern const Rule emg302_new_version_copy_missing{
    .info = {.id = "EMG302",
             .name = "new-version-copy-missing",
             .phases = {Phase::prepare, Phase::start, Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe_when,
             .scope = Scope::installation,
             .summary = "A tool has no versioned 7.2 copy in bin/.",
             .needs = report::Needs::dist_for_fix},
    .check = emg302::check,
};

}  // namespace emglint::rules
