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
constexpr unsigned plugin = bits({OptionScope::plugin});
constexpr unsigned group = bits({OptionScope::connectorgroup});

// emg-facts.md §3 and §3b, sorted by name. The values stay loose (text, flag_or_value) where the vendor's guides do
// not pin them down: one false alarm on a vendor example costs more than a missed malformed value.
constexpr std::array builtin_keywords = {
    Keyword{"ADDRESS", connector | db, ValueKind::text},  // host:port, [ipv6]:port, a URL, a path; DB: user:pw@...
    Keyword{"ALLOWROUTE", connector, ValueKind::flag},
    Keyword{"BACKEND", general, ValueKind::text},
    Keyword{"BACKEND_DLR", general, ValueKind::text},
    Keyword{"BLACKLIST", general, ValueKind::text},
    Keyword{"CMREXPIRE", general, ValueKind::text},
    Keyword{"CONFIG", plugin, ValueKind::text},  // free text to the end of the line
    // A group lists one member a line, in failover order.
    Keyword{.name = "CONNECTOR", .scopes = group, .value = ValueKind::text, .repeats_in = group},
    Keyword{"CONNECTORLOGDB", general, ValueKind::flag},
    Keyword{"CONNECTOR_LOGLEVEL", general, ValueKind::text},
    Keyword{"DBCONFIG", general, ValueKind::flag_or_value},
    Keyword{"DBNAME", db, ValueKind::text},
    Keyword{"DBPROFILE", general | plugin, ValueKind::text},
    Keyword{"DEBUG", general, ValueKind::flag_or_value},
    Keyword{"DEFAULT_CHARCODE_TEXT", general | connector, ValueKind::text},
    Keyword{"DEFAULT_SMSCOP", connector, ValueKind::text},
    Keyword{"DISABLE_CREDITS", general, ValueKind::flag},
    Keyword{"DISABLE_MESSAGEBODY", general, ValueKind::flag},
    Keyword{"DISABLE_MESSAGEOPTION", general, ValueKind::flag},
    Keyword{"DLR_SUPPORT", connector, ValueKind::zero_or_one},
    Keyword{"DLR_TO_SAME_IP", connector, ValueKind::flag_or_value},
    Keyword{"HOST", db, ValueKind::text},
    Keyword{"IDLETIMEOUT", connector, ValueKind::text},
    Keyword{"INSTANCES", connector | db | plugin, ValueKind::count},
    Keyword{"KEEPALIVE", connector, ValueKind::flag_or_value},
    Keyword{"LIBRARY", plugin, ValueKind::text},
    Keyword{"LOGLEVEL", general | connector, ValueKind::text},
    Keyword{"LOGPDU", general, ValueKind::flag_or_value},
    Keyword{"LOGYEAR", general, ValueKind::flag_or_value},
    Keyword{"MAXQUEUESIZE", connector, ValueKind::text},
    Keyword{"MODE", connector, ValueKind::text},
    Keyword{"NODEID", general, ValueKind::node_id},
    Keyword{"NODLR", connector, ValueKind::flag},
    Keyword{"OFFSET", plugin, ValueKind::flag_or_value},
    Keyword{"PASSWORD", connector | db, ValueKind::flag_or_value},
    Keyword{"PDULOG", general, ValueKind::flag},
    Keyword{"PDULOGDB", general, ValueKind::flag},
    Keyword{"PERSISTFILES", general, ValueKind::flag},
    Keyword{"PLUGIN", connector, ValueKind::text},  // `name` or `name:free text`
    Keyword{"PORT", db, ValueKind::port},
    Keyword{"PROFILING_THRESHOLD", general, ValueKind::text},
    Keyword{"PROTOCOL", connector, ValueKind::text},
    Keyword{"QUOTEDSUBJECT", connector, ValueKind::flag_or_value},
    Keyword{"REDIRECT", connector, ValueKind::text},
    Keyword{"ROTATELOGS", general, ValueKind::text},
    Keyword{"ROTATELOGS_DEBUG", general, ValueKind::text},
    Keyword{"ROUTE", connector, ValueKind::text},
    Keyword{"ROUTEDLR", connector, ValueKind::text},
    Keyword{"ROUTELOGDB", general, ValueKind::flag},
    Keyword{"SPOOLDIR", general, ValueKind::text},
    Keyword{"SSL_KEYFILE", connector, ValueKind::text},
    Keyword{"STATIC", connector, ValueKind::flag},
    Keyword{"TYPE", connector | db | plugin | group, ValueKind::text},
    Keyword{"URL", plugin, ValueKind::text},
    Keyword{"URLHANDLER", connector, ValueKind::text},
    Keyword{"USERDB", connector, ValueKind::text},
    Keyword{"USERNAME", connector | db, ValueKind::text},
    Keyword{"USERS", connector, ValueKind::text},
    Keyword{"WINDOWSIZE", connector, ValueKind::text},  // an integer or `auto`
    // The HTTP connector's XAUTH and the other XAUTH* keys, which the guides do not list one by one.
    Keyword{.name = "XAUTH", .scopes = connector, .value = ValueKind::flag_or_value, .family = true},
};

constexpr std::array<std::string_view, 4> documented_block_kinds = {"CONNECTOR", "DB", "PLUGIN", "CONNECTORGROUP"};

bool by_name(const Keyword& a, const Keyword& b) { return a.name < b.name; }

// A keyword of `sorted` named `upper`, or the family `upper` belongs to.
const Keyword* lookup(std::span<const Keyword> sorted, const std::string& upper) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), upper,
                                   [](const Keyword& keyword, const std::string& key) { return keyword.name < key; });
  if (it != sorted.end() && it->name == upper) return &*it;
  const auto family = std::find_if(sorted.begin(), sorted.end(), [&](const Keyword& keyword) {
    return keyword.family && upper.starts_with(keyword.name);
  });
  return family != sorted.end() ? &*family : nullptr;
}

bool is_keyword_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::span<const Keyword> known_keywords() { return builtin_keywords; }

const Keyword* find_keyword(std::string_view name) { return lookup(builtin_keywords, to_upper(name)); }

DeclaredKeywordParse parse_declared_keyword(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return {.keyword = std::nullopt, .problem = fmt::format("`{}` is not SCOPE:NAME", text)};
  }
  const std::string_view scope_text = text.substr(0, colon);
  const std::string_view name = text.substr(colon + 1);
  const auto scope = std::find_if(declarable_scopes.begin(), declarable_scopes.end(),
                                  [&](const auto& declarable) { return iequals(declarable.first, scope_text); });
  if (scope == declarable_scopes.end()) {
    return {.keyword = std::nullopt,
            .problem =
                fmt::format("`{}` names no scope; use general, connector, db, plugin or connectorgroup", scope_text)};
  }
  // What the parser reads as a key (parser/config_grammar.h): a letter or `_`, then letters, digits and `_`.
  const bool starts_like_a_key =
      !name.empty() && is_keyword_char(name.front()) && (name.front() < '0' || name.front() > '9');
  if (!starts_like_a_key || !std::all_of(name.begin(), name.end(), is_keyword_char)) {
    return {.keyword = std::nullopt,
            .problem = fmt::format("`{}` is not a keyword: a letter or `_`, then letters, digits and `_`", name)};
  }
  return {.keyword = DeclaredKeyword{.scope = scope->second, .name = to_upper(name)}, .problem = {}};
}

Vocabulary::Vocabulary(std::span<const DeclaredKeyword> declared)
    : keywords_(builtin_keywords.begin(), builtin_keywords.end()) {
  // Reserved up front: the keywords view these strings, so they must never move.
  declared_names_.reserve(declared.size());
  for (const DeclaredKeyword& keyword : declared) {
    const auto scope = static_cast<unsigned>(keyword.scope);
    const auto known = std::find_if(keywords_.begin(), keywords_.end(),
                                    [&](const Keyword& candidate) { return candidate.name == keyword.name; });
    if (known == keywords_.end()) {
      declared_names_.push_back(keyword.name);
      keywords_.push_back({.name = declared_names_.back(), .scopes = scope, .value = ValueKind::flag_or_value});
    } else if ((known->scopes & scope) == 0) {
      known->scopes |= scope;
      known->value = ValueKind::flag_or_value;
    }
  }
  std::sort(keywords_.begin(), keywords_.end(), by_name);
}

const Keyword* Vocabulary::find(std::string_view name) const { return lookup(keywords_, to_upper(name)); }

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
  if (option.block() < 0) return OptionScope::general;
  const config::Block& block = config.blocks[static_cast<std::size_t>(option.block())];
  if (is_block_kind(block, "CONNECTOR")) return OptionScope::connector;
  if (is_block_kind(block, "DB")) return OptionScope::db;
  if (is_block_kind(block, "PLUGIN")) return OptionScope::plugin;
  if (is_block_kind(block, "CONNECTORGROUP")) return OptionScope::connectorgroup;
  return OptionScope::other_block;
}

std::string_view scope_name(OptionScope scope) {
  switch (scope) {
    case OptionScope::general: return "the general section";
    case OptionScope::connector: return "a CONNECTOR block";
    case OptionScope::db: return "a DB block";
    case OptionScope::plugin: return "a PLUGIN block";
    case OptionScope::connectorgroup: return "a CONNECTORGROUP block";
    case OptionScope::other_block: return "this block";
  }
  return "this block";
}

std::string option_place(const config::ConfigModel& config, const config::Option& option) {
  if (option.block() < 0) return "the general section";
  const auto& block = config.blocks[static_cast<std::size_t>(option.block())];
  return fmt::format("block `{} {}`", block.kind(), block.name());
}

const config::Option* block_option(const config::Block& block, std::string_view key) {
  const config::Option* found = nullptr;
  for (const auto& option : block.options()) {
    if (iequals(option.key(), key)) found = &option;
  }
  return found;
}

bool is_block_kind(const config::Block& block, std::string_view kind) { return iequals(block.kind(), kind); }

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
