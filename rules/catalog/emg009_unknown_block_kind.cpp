// EMG009 unknown-block-kind: a block kind outside CONNECTOR, DB, PLUGIN and CONNECTORGROUP.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg009 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  for (const auto& block : context.config.blocks) {
    if (is_documented_block_kind(block.kind())) continue;
    findings.report(block.kind_span(), fmt::format("block kind `{}` is not one EMG documents (CONNECTOR, DB, PLUGIN, "
                                                   "CONNECTORGROUP); "
                                                   "emglint does not check the options of `{} {}`",
                                                   block.kind(), block.kind(), block.name()));
  }
}

}  // namespace emg009

extern const Rule emg009_unknown_block_kind{
    .info = {.id = "EMG009",
             .name = "unknown-block-kind",
             .phases = PhaseSet::all(),
             .severity = Severity::info,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A block kind is not CONNECTOR, DB, PLUGIN or CONNECTORGROUP."},
    .check = emg009::check,
};

}  // namespace emglint::rules
