// EMG303 version-name-mismatch: a binary's -v answer disagrees with its name, or it hangs or crashes.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg303 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

using inspect::ProbeResult;

// A versioned copy with the same bytes as `plain` that was probed too.
bool has_probed_twin(const CheckContext& context, const inspect::BinEntry& plain) {
  if (!plain.content_hash) return false;
  return std::any_of(context.analysis.binaries.begin(), context.analysis.binaries.end(), [&](const ToolBinary& other) {
    return other.versioned && other.entry->content_hash == plain.content_hash &&
           context.installation->probe(other.entry->name) != nullptr;
  });
}

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  // Without --probe-versions nothing was run, so there is nothing to compare.
  if (installation.probes.empty()) return;
  for (const ProbeResult& probe : installation.probes) {
    // Only the tools and their copies are probed on disk; the planner's overlay
    // also gives a kept `NAME.emglint-bak` its original's answer, which a
    // fresh check of the fixed installation would not have.
    const ToolBinary* binary = context.analysis.binary(probe.name);
    if (binary == nullptr) continue;
    // The binary a link leads to in bin/, or a plain file's versioned twin, is
    // probed under its own name: report each binary once, under that name.
    if (const auto target = binary->link ? binary->link->target_in_bin() : std::nullopt;
        target && installation.probe(*target) != nullptr) {
      continue;
    }
    if (!binary->link && !binary->versioned && has_probed_twin(context, *binary->entry)) continue;
    const std::string path = "bin/" + probe.name;
    switch (probe.outcome) {
      case ProbeResult::Outcome::timed_out:
        findings.report_path(path, fmt::format("`{} -v` hangs: {}", probe.name, probe.detail));
        continue;
      case ProbeResult::Outcome::crashed:
        findings.report_path(path, fmt::format("`{} -v` crashes: {}", probe.name, probe.detail));
        continue;
      case ProbeResult::Outcome::failed:
        findings.report_path(path, fmt::format("`{} -v` fails: {}", probe.name, probe.detail));
        continue;
      case ProbeResult::Outcome::answered: break;
    }
    const auto& named = binary->versioned;
    // A plain tool name carries no version to disagree with.
    if (!named) continue;
    if (!probe.version) {
      // EMG does not document the shape of `-v`: an unreadable answer is worth a look, not an error.
      auto finding = findings.report_path(
          path, fmt::format("`{} -v` prints no version{}, so the {} in its name is unconfirmed", probe.name,
                            probe.detail.empty() ? "" : " (" + probe.detail + ")", named->version.to_string()));
      finding->severity = Severity::warning;
      continue;
    }
    if (*probe.version == named->version) continue;
    findings.report_path(path, fmt::format("`{} -v` reports {}, not the {} its name says", probe.name,
                                           probe.version->to_string(), named->version.to_string()));
  }
}

}  // namespace emg303

extern const Rule emg303_version_name_mismatch{
    .info = {.id = "EMG303",
             .name = "version-name-mismatch",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "What a binary answers to -v disagrees with the version in its name, or it hangs or crashes.",
             .needs = report::Needs::probes},
    .check = emg303::check,
};

}  // namespace emglint::rules
