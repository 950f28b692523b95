// EMG704 db-mixed-forms: a DB block has both ADDRESS and the 7.1 keys.
#include <fmt/format.h>

#include <vector>

#include "analysis/keywords.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg704 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check_block(const config::Block& block, Findings& findings) {
  const config::Option* address = block_option(block, "ADDRESS");
  if (address == nullptr) return;
  std::vector<std::string> legacy;
  for (const auto& option : block.options()) {
    if (is_legacy_db_key(option.key())) legacy.push_back(fmt::format("`{}` (line {})", option.key(), option.line()));
  }
  if (legacy.empty()) return;

  std::string listed;
  for (std::size_t i = 0; i < legacy.size(); ++i) {
    listed += (i == 0 ? "" : (i + 1 == legacy.size() ? " and " : ", ")) + legacy[i];
  }
  findings.report(address->key_span(),
                  fmt::format("block `{} {}` sets both `{}` and the 7.1 key{} {}; EMG documents one form or the "
                              "other, not which one wins when both are set",
                              block.kind(), block.name(), address->key(), legacy.size() == 1 ? "" : "s", listed));
}

void check(const CheckContext& context, Findings& findings) {
  for (const auto& block : context.config.blocks) {
    if (is_block_kind(block, "DB")) check_block(block, findings);
  }
}

}  // namespace emg704

extern const Rule emg704_db_mixed_forms{
    .info = {.id = "EMG704",
             .name = "db-mixed-forms",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A DB block has both ADDRESS and the 7.1 keys HOST, PORT, USERNAME, PASSWORD or DBNAME."},
    .check = emg704::check,
};

}  // namespace emglint::rules
