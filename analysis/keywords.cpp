#include "analysis/keywords.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace emglint::analysis {

namespace {

constexpr unsigned bits(std::initializer_list<OptionScope> scopes) {
  unsigned result = 0;
  for (OptionScope scope : scopes) result |= static_cast<unsigned>(scope);
  return result;
}

constexpr unsigned general = bits({OptionScope::general});
constexpr unsigned connector = bits({OptionScope::connector});
constexpr unsigned db = bits({OptionScope::db});

// Sorted by name.
constexpr std::array keywords = {
    Keyword{"ADDRESS", connector | db, ValueKind::text},
    Keyword{"BACKEND", general, ValueKind::text},
    Keyword{"BACKEND_DLR", general, ValueKind::text},
    Keyword{"DBCONFIG", general, ValueKind::flag_or_value},
    Keyword{"DBNAME", db, ValueKind::text},
    Keyword{"DBPROFILE", bits({OptionScope::general, OptionScope::plugin}), ValueKind::text},
    Keyword{"DEBUG", general, ValueKind::flag_or_value},
    Keyword{"DISABLE_CREDITS", general, ValueKind::flag},
    Keyword{"DLR_TO_SAME_IP", connector, ValueKind::flag_or_value},
    Keyword{"HOST", db, ValueKind::text},
    Keyword{"INSTANCES", bits({OptionScope::connector, OptionScope::db, OptionScope::plugin}), ValueKind::count},
    Keyword{"LOGLEVEL", general, ValueKind::text},
    Keyword{"LOGYEAR", general, ValueKind::flag_or_value},
    Keyword{"MODE", connector, ValueKind::text},
    Keyword{"NODEID", general, ValueKind::count},
    Keyword{"NODLR", connector, ValueKind::flag},
    Keyword{"PASSWORD", db, ValueKind::flag_or_value},
    Keyword{"PDULOGDB", general, ValueKind::text},
    Keyword{"PERSISTFILES", general, ValueKind::flag},
    Keyword{"PLUGIN", connector, ValueKind::text},
    Keyword{"PORT", db, ValueKind::port},
    Keyword{"PROTOCOL", connector, ValueKind::text},
    Keyword{"ROTATELOGS", general, ValueKind::text},
    Keyword{"ROUTELOGDB", general, ValueKind::text},
    Keyword{"TYPE", bits({OptionScope::connector, OptionScope::db, OptionScope::plugin}), ValueKind::text},
    Keyword{"USERNAME", db, ValueKind::text},
    Keyword{"USERS", connector, ValueKind::text},
};

constexpr std::array<std::string_view, 3> documented_block_kinds = {"CONNECTOR", "DB", "PLUGIN"};

}  // namespace

std::span<const Keyword> known_keywords() { return keywords; }

const Keyword* find_keyword(std::string_view name) {
  const std::string upper = to_upper(name);
  const auto it = std::lower_bound(keywords.begin(), keywords.end(), upper,
                                   [](const Keyword& keyword, const std::string& key) { return keyword.name < key; });
  return it != keywords.end() && it->name == upper ? &*it : nullptr;
}

bool is_documented_block_kind(std::string_view kind) {
  return std::any_of(documented_block_kinds.begin(), documented_block_kinds.end(),
                     [&](std::string_view documented) { return iequals(documented, kind); });
}

std::string to_upper(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return result;
}

bool iequals(std::string_view a, std::string_view b) { return a.size() == b.size() && to_upper(a) == to_upper(b); }

OptionScope scope_of(const config::ConfigModel& config, const config::Option& option) {
  if (option.block < 0) return OptionScope::general;
  const config::Block& block = config.blocks[static_cast<std::size_t>(option.block)];
  if (is_block_kind(block, "CONNECTOR")) return OptionScope::connector;
  if (is_block_kind(block, "DB")) return OptionScope::db;
  if (is_block_kind(block, "PLUGIN")) return OptionScope::plugin;
  return OptionScope::other_block;
}

std::string_view scope_name(OptionScope scope) {
  switch (scope) {
    case OptionScope::general: return "the general section";
    case OptionScope::connector: return "a CONNECTOR block";
    case OptionScope::db: return "a DB block";
    case OptionScope::plugin: return "a PLUGIN block";
    case OptionScope::other_block: return "this block";
  }
  return "this block";
}

std::string option_place(const config::ConfigModel& config, const config::Option& option) {
  if (option.block < 0) return "the general section";
  const auto& block = config.blocks[static_cast<std::size_t>(option.block)];
  return fmt::format("block `{} {}`", block.kind, block.name);
}

const config::Option* block_option(const config::Block& block, std::string_view key) {
  const config::Option* found = nullptr;
  for (const auto& option : block.options) {
    if (iequals(option.key, key)) found = &option;
  }
  return found;
}

bool is_block_kind(const config::Block& block, std::string_view kind) { return iequals(block.kind, kind); }

bool is_legacy_db_key(std::string_view key) {
  return std::any_of(legacy_db_keys.begin(), legacy_db_keys.end(),
                     [&](std::string_view legacy) { return iequals(key, legacy); });
}

std::optional<std::size_t> inline_comment_at(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if (value[i] == '#' && (value[i - 1] == ' ' || value[i - 1] == '\t')) return i;
  }
  return std::nullopt;
}

std::string_view meant_value(std::string_view value) {
  if (const auto hash = inline_comment_at(value)) value = value.substr(0, *hash);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

}  // namespace emglint::analysis
