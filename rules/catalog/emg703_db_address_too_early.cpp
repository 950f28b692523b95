// EMG703 db-address-too-early: a DB block uses the 7.2 ADDRESS form before the commit phase.
#include <fmt/format.h>

#include <optional>
#include <variant>

#include "analysis/keywords.h"
#include "parser/db_address.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg703 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

bool has_legacy_key(const config::Block& block) {
  for (std::string_view key : legacy_db_keys) {
    if (block_option(block, key) != nullptr) return true;
  }
  return false;
}

std::size_t count_of(const config::Block& block, std::string_view key) {
  std::size_t count = 0;
  for (const auto& option : block.options()) count += iequals(option.key(), key) ? 1 : 0;
  return count;
}

// The legacy lines that say what `value` says, each after the first indented
// like the ADDRESS line, or nothing when the value is malformed (EMG702) or
// names several hosts, which the 7.1 form cannot hold.
std::optional<std::string> legacy_lines(const config::ConfigModel& config, const config::Option& address) {
  if (!address.value()) return std::nullopt;
  const auto parsed = config::parse_db_address(*address.value());
  const auto* result = std::get_if<config::DbAddress>(&parsed);
  if (result == nullptr || result->endpoints.size() != 1) return std::nullopt;
  const std::string indent(config.line_text(address.line()).substr(0, address.key_span().column - 1));
  const std::string separator = std::string(line_ending(config.source)) + indent;
  const config::DbEndpoint& endpoint = result->endpoints.front();
  return fmt::format("HOST={1}{0}PORT={2}{0}USERNAME={3}{0}PASSWORD={4}{0}DBNAME={5}", separator, endpoint.host,
                     endpoint.port, result->user, result->password, result->dbname);
}

void check_block(const CheckContext& context, const config::Block& block, Findings& findings) {
  for (const auto& option : block.options()) {
    if (!iequals(option.key(), "ADDRESS")) continue;
    auto finding = findings.report(
        option.key_span(),
        fmt::format("block `{} {}` uses the 7.2 form `{}=` before the commit phase; 7.1 reads only HOST, PORT, "
                    "USERNAME, PASSWORD and DBNAME, so after a downgrade it could not reach this database",
                    block.kind(), block.name(), option.key()));
    // Beside legacy keys (EMG704), or beside another ADDRESS (EMG003), a
    // rewrite would leave two values for one key.
    if (has_legacy_key(block) || count_of(block, "ADDRESS") > 1) continue;
    const auto lines = legacy_lines(context.config, option);
    if (!lines) continue;
    finding->fix = Fix{
        .applicability = Applicability::unsafe,
        .description = fmt::format("rewrite `{}` as HOST, PORT, USERNAME, PASSWORD and DBNAME lines", option.key()),
        .edits =
            {{.file = finding->file, .span = option_text_span(option), .replacement = *lines, .shown_replacement = {}}},
        .actions = {}};
  }
}

void check(const CheckContext& context, Findings& findings) {
  for (const auto& block : context.config.blocks) {
    if (is_block_kind(block, "DB")) check_block(context, block, findings);
  }
}

}  // namespace emg703

extern const Rule emg703_db_address_too_early{
    .info = {.id = "EMG703",
             .name = "db-address-too-early",
             .phases = {Phase::prepare, Phase::start, Phase::downgrade},
             .severity = Severity::error,
             .fix = FixAvailability::unsafe,
             .scope = Scope::config,
             .summary = "A DB block uses the 7.2 ADDRESS form before the commit phase."},
    .check = emg703::check,
};

}  // namespace emglint::rules
