// EMG701 db-legacy-form: a DB block still uses the 7.1 keys (HOST, PORT, USERNAME, PASSWORD, DBNAME) at commit.
#include <fmt/format.h>

#include <optional>
#include <variant>
#include <vector>

#include "analysis/keywords.h"
#include "parser/db_address.h"
#include "rules/rule.h"
#include "rules/text_edits.h"

namespace emglint::rules {

namespace emg701 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

std::string value_of(const config::Block& block, std::string_view key) {
  const config::Option* option = block_option(block, key);
  return option != nullptr ? std::string(option->value().value_or("")) : std::string();
}

// The one ADDRESS line that says what the legacy keys say, or nothing when
// they cannot be said that way: a key is missing, or a value holds what the
// ADDRESS syntax would read differently (checked by parsing the result back).
std::optional<std::string> address_from_legacy_keys(const config::Block& block) {
  for (std::string_view key : legacy_db_keys) {
    if (block_option(block, key) == nullptr) return std::nullopt;
  }
  const std::string host = value_of(block, "HOST");
  const std::string port = value_of(block, "PORT");
  const std::string user = value_of(block, "USERNAME");
  const std::string password = value_of(block, "PASSWORD");
  const std::string dbname = value_of(block, "DBNAME");
  // Whether EMG reads ` #` as a comment is not documented (EMG007): moved
  // into the ADDRESS, the rest of it would change meaning either way.
  for (const std::string* value : {&host, &port, &user, &password, &dbname}) {
    if (value->find(" #") != std::string::npos || value->find("\t#") != std::string::npos) return std::nullopt;
  }
  const bool bracketed = host.starts_with('[') && host.ends_with(']');
  const std::string bare_host = bracketed ? host.substr(1, host.size() - 2) : host;
  const std::string written_host = bare_host.find(':') != std::string::npos ? "[" + bare_host + "]" : bare_host;
  std::string address = fmt::format("{}:{}@{}:{}/{}", user, password, written_host, port, dbname);

  const auto parsed = config::parse_db_address(address);
  const auto* result = std::get_if<config::DbAddress>(&parsed);
  if (result == nullptr || result->endpoints.size() != 1) return std::nullopt;
  const config::DbEndpoint& endpoint = result->endpoints.front();
  if (result->user != user || result->password != password || result->dbname != dbname || endpoint.host != bare_host ||
      std::to_string(endpoint.port) != port) {
    return std::nullopt;
  }
  return "ADDRESS=" + address;
}

void check_block(const CheckContext& context, const config::Block& block, Findings& findings) {
  std::vector<const config::Option*> legacy;
  std::vector<std::string> named;  // each legacy key once, as first written
  for (const auto& option : block.options()) {
    if (!is_legacy_db_key(option.key())) continue;
    legacy.push_back(&option);
    bool seen = false;
    for (const auto& name : named) seen = seen || iequals(name, option.key());
    if (!seen) named.emplace_back(option.key());
  }
  if (legacy.empty()) return;

  std::string keys;
  for (std::size_t i = 0; i < named.size(); ++i) {
    keys += fmt::format("{}`{}`", i == 0 ? "" : (i + 1 == named.size() ? " and " : ", "), named[i]);
  }
  auto finding = findings.report(
      legacy.front()->key_span(),
      // 7.2 reads the 7.1 keys too (it ran on them through the start phase): the
      // reason to move is the procedure's commit step, not what 7.2 can read.
      fmt::format("block `{} {}` still uses the 7.1 key{} {} in the commit phase; the procedure's commit step "
                  "rewrites DB profiles as `ADDRESS=user:password@host:port/dbname` (the only form that allows "
                  "several hosts)",
                  block.kind(), block.name(), named.size() == 1 ? "" : "s", keys));

  // Beside an ADDRESS (EMG704), which of the two forms is right is the operator's call.
  if (block_option(block, "ADDRESS") != nullptr) return;
  const auto address = address_from_legacy_keys(block);
  if (!address) return;
  Fix fix{.applicability = Applicability::safe,
          .description = fmt::format("replace {} with one `ADDRESS` line", keys),
          .edits = {},
          .actions = {}};
  fix.edits.push_back({.file = finding->file,
                       .span = option_text_span(*legacy.front()),
                       .replacement = *address,
                       .shown_replacement = {}});
  for (std::size_t i = 1; i < legacy.size(); ++i) {
    fix.edits.push_back(delete_line(context.analysis.index, finding->file, legacy[i]->line()));
  }
  finding->fix = std::move(fix);
}

void check(const CheckContext& context, Findings& findings) {
  for (const auto& block : context.config.blocks) {
    if (is_block_kind(block, "DB")) check_block(context, block, findings);
  }
}

}  // namespace emg701

extern const Rule emg701_db_legacy_form{
    .info = {.id = "EMG701",
             .name = "db-legacy-form",
             .phases = {Phase::commit},
             .severity = Severity::error,
             .fix = FixAvailability::safe,
             .scope = Scope::config,
             .summary = "A DB block still uses the 7.1 keys HOST, PORT, USERNAME, PASSWORD and DBNAME in the commit "
                        "phase."},
    .check = emg701::check,
};

}  // namespace emglint::rules
