// EMG702 db-address-malformed: a DB block's ADDRESS does not parse as user:password@host:port/dbname.
#include <fmt/format.h>

#include <variant>

#include "analysis/keywords.h"
#include "analysis/secrets.h"
#include "parser/db_address.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg702 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  for (const auto& block : context.config.blocks) {
    if (!is_block_kind(block, "DB")) continue;
    for (const auto& option : block.options()) {
      // An ADDRESS without a value is EMG006's case.
      if (!iequals(option.key(), "ADDRESS") || !option.value() || option.value()->empty()) continue;
      const auto parsed = config::parse_db_address(*option.value());
      const auto* error = std::get_if<config::DbAddressError>(&parsed);
      if (error == nullptr) continue;
      // Where no password can be located, none can be masked: quote nothing of the value.
      const std::string quoted = config::db_address_password(*option.value())
                                     ? fmt::format("`{}`", context.analysis.index.shown_option(option))
                                     : fmt::format("`{}`", option.key());
      findings.report(*option.value_span(), fmt::format("{} in block `{} {}` does not parse: {}", quoted, block.kind(),
                                                        block.name(), error->message));
    }
  }
}

}  // namespace emg702

extern const Rule emg702_db_address_malformed{
    .info = {.id = "EMG702",
             .name = "db-address-malformed",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "A DB block's ADDRESS does not parse as user:password@host:port/dbname."},
    .check = emg702::check,
};

}  // namespace emglint::rules
