// The server.cfg vocabulary emglint knows (emg-facts.md §3 and §3b), the
// keywords users add to it, and small queries over the model that several
// rules share.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parser/config_model.h"

namespace emglint::analysis {

// Where an option stands: the general section or the kind of its block.
enum class OptionScope : unsigned {
  general = 1,
  connector = 2,
  db = 4,
  plugin = 8,
  other_block = 16,  // a block of an undocumented kind
  connectorgroup = 32,
};

enum class ValueKind {
  flag_or_value,  // a bare flag or any value
  flag,           // a bare flag; a value is tolerated
  text,           // a non-empty value
  count,          // an integer >= 0
  port,           // an integer 1..65535
  zero_or_one,    // 0 or 1
  node_id,        // an integer 0..8999
};

struct Keyword {
  std::string_view name;
  unsigned scopes;  // OptionScope bits
  ValueKind value;
  unsigned repeats_in = 0;  // OptionScope bits where the key may stand more than once (CONNECTOR in a group)
  bool family = false;      // also names every key that starts with `name` (XAUTH, XAUTH_USER, ...)
};

// The built-in vocabulary, sorted by name.
[[nodiscard]] std::span<const Keyword> known_keywords();
// A built-in keyword, or the family it belongs to; case-insensitive.
[[nodiscard]] const Keyword* find_keyword(std::string_view name);

// A keyword the user declares known in one scope (`--known-keyword connector:FOO`).
struct DeclaredKeyword {
  OptionScope scope;
  std::string name;  // upper case
};

// `SCOPE:NAME` as --known-keyword takes it, or what is wrong with it.
struct DeclaredKeywordParse {
  std::optional<DeclaredKeyword> keyword;
  std::string problem;  // empty when `keyword` is set
};
[[nodiscard]] DeclaredKeywordParse parse_declared_keyword(std::string_view text);

// The keywords one check knows: the built-in ones and those the user declares.
// A declared keyword is known in its scope with any value and is not repeatable;
// declaring a built-in one in a further scope widens its scopes and, as EMG's
// reading of it there is unknown, accepts any value.
class Vocabulary {
 public:
  explicit Vocabulary(std::span<const DeclaredKeyword> declared = {});
  // A copy would view the original's declared names; a move keeps them where they are.
  Vocabulary(const Vocabulary&) = delete;
  Vocabulary& operator=(const Vocabulary&) = delete;
  Vocabulary(Vocabulary&&) = default;
  Vocabulary& operator=(Vocabulary&&) = default;
  ~Vocabulary() = default;

  [[nodiscard]] const Keyword* find(std::string_view name) const;  // case-insensitive
  [[nodiscard]] std::span<const Keyword> keywords() const { return keywords_; }

 private:
  std::vector<std::string> declared_names_;  // what the declared keywords' names view
  std::vector<Keyword> keywords_;            // sorted by name
};

// Block kinds EMG documents; others are accepted and reported as information.
[[nodiscard]] bool is_documented_block_kind(std::string_view kind);

[[nodiscard]] std::string to_upper(std::string_view text);
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

[[nodiscard]] OptionScope scope_of(const config::ConfigModel& config, const config::Option& option);
[[nodiscard]] std::string_view scope_name(OptionScope scope);
// The scopes a keyword can be declared in, as --known-keyword names them.
inline constexpr std::array<std::pair<std::string_view, OptionScope>, 5> declarable_scopes = {{
    {"general", OptionScope::general},
    {"connector", OptionScope::connector},
    {"db", OptionScope::db},
    {"plugin", OptionScope::plugin},
    {"connectorgroup", OptionScope::connectorgroup},
}};
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
