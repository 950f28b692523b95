// The server.cfg vocabulary emglint knows (emg-facts.md §3), and small queries
// over the model that several rules share.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parser/config_model.h"

namespace emglint::analysis {

// Where an option stands: the general section or the kind of its block.
enum class OptionScope : unsigned { general = 1, connector = 2, db = 4, plugin = 8, other_block = 16 };

enum class ValueKind {
  flag_or_value,  // a bare flag or any value
  flag,           // a bare flag; a value is tolerated
  text,           // a non-empty value
  count,          // an integer >= 0
  port,           // an integer 1..65535
};

struct Keyword {
  std::string_view name;
  unsigned scopes;  // OptionScope bits
  ValueKind value;
};

[[nodiscard]] std::span<const Keyword> known_keywords();
[[nodiscard]] const Keyword* find_keyword(std::string_view name);  // case-insensitive

// Block kinds EMG documents; others are accepted and reported as information.
[[nodiscard]] bool is_documented_block_kind(std::string_view kind);

[[nodiscard]] std::string to_upper(std::string_view text);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

[[nodiscard]] OptionScope scope_of(const config::ConfigModel& config, const config::Option& option);
[[nodiscard]] std::string_view scope_name(OptionScope scope);
// Where an option stands, as a message names it: "the general section" or "block `KIND name`".
[[nodiscard]] std::string option_place(const config::ConfigModel& config, const config::Option& option);

// The last option named `key` in a block: EMG reads one value per key.
[[nodiscard]] const config::Option* block_option(const config::Block& block, std::string_view key);

[[nodiscard]] bool is_block_kind(const config::Block& block, std::string_view kind);

// The 7.1 keys of a DB block, which 7.2 reads as one `ADDRESS=user:password@host:port/dbname`.
inline constexpr std::array<std::string_view, 5> legacy_db_keys = {"HOST", "PORT", "USERNAME", "PASSWORD", "DBNAME"};
[[nodiscard]] bool is_legacy_db_key(std::string_view key);  // case-insensitive

// Where a ` #` (or tab `#`) starts inside a value: EMG does not document it as
// a comment (EMG007), but it is what the operator most likely meant.
[[nodiscard]] std::optional<std::size_t> inline_comment_at(std::string_view value);
// The value without such a trailing comment and the blanks before it.
[[nodiscard]] std::string_view meant_value(std::string_view value);

}  // namespace emglint::analysis
