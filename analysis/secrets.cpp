#include "analysis/secrets.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include "analysis/keywords.h"
#include "parser/db_address.h"
#include "parser/words.h"

namespace emglint::analysis {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Where the first word that names a password starts in text[begin, end), if
// any: a PASSWORD, a misspelt one (PASWORD, PASSWROD), or a look-alike (DBPASS)
// whose value is just as secret.
std::optional<std::size_t> password_word_at(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end) {
    if (!is_word_char(text[begin])) {
      ++begin;
      continue;
    }
    std::size_t word_end = begin;
    while (word_end < end && is_word_char(text[word_end])) ++word_end;
    if (config::is_password_key(text.substr(begin, word_end - begin))) return begin;
    begin = word_end;
  }
  return std::nullopt;
}

bool is_separator(char c) { return std::string_view("=: \t").find(c) != std::string_view::npos; }

bool is_db_address(const config::ConfigModel& config, const config::Option& option) {
  return iequals(option.key(), "ADDRESS") && scope_of(config, option) != OptionScope::connector;
}

// A password's key holds nothing but the password; a DB address or a value
// with credentials holds one inside it.
bool holds_whole_password(const config::ConfigModel& config, const config::Option& option) {
  return config::is_password_key(option.key()) && !is_db_address(config, option);
}

}  // namespace

std::vector<Secret> find_secrets(const config::ConfigModel& config) {
  std::vector<Secret> secrets;
  for (const config::Option& option : config.options()) {
    const std::optional<config::Span> value_span = option.value_span();
    if (!value_span || value_span->begin == value_span->end) continue;
    if (!is_secret(config, option)) continue;
    const config::Span& value = *value_span;
    if (holds_whole_password(config, option)) {
      secrets.push_back({value.line, value.begin, value.end});
    } else if (auto password = config::db_address_password(*option.value())) {
      const std::size_t begin = value.begin + password->offset;
      if (password->size > 0) secrets.push_back({value.line, begin, begin + password->size});
    } else {
      // Where the password is cannot be told (no `@`): the whole value may hold it.
      secrets.push_back({value.line, value.begin, value.end});
    }
  }
  return secrets;
}

bool is_secret(const config::ConfigModel& config, const config::Option& option) {
  // Credentials in any value (`DBCONFIG=emg:pw@db/emg`, a misspelt `ADRESS`) count too.
  return config::is_password_key(option.key()) || is_db_address(config, option) ||
         (option.value() && config::db_address_password(*option.value()));
}

std::string shortened(std::string_view text) {
  if (text.size() <= max_quoted_value) return std::string(text);
  return std::string(config::cut_at_character(text, max_quoted_value)) + "...";
}

std::string value_with_password_masked(const config::ConfigModel& config, const config::Option& option) {
  const std::optional<std::string_view> option_value = option.value();
  if (!option_value) return {};
  if (!is_secret(config, option)) return std::string(*option_value);
  if (holds_whole_password(config, option)) return std::string(secret_mask);
  std::string value(*option_value);
  const auto password = config::db_address_password(value);
  if (!password) return std::string(secret_mask);  // no `@`: the whole value may be the password
  value.replace(password->offset, password->size, secret_mask);
  return value;
}

std::vector<TextRange> invalid_line_secrets(std::string_view text) {
  std::vector<TextRange> secrets;
  // The first word, and what separates it from the rest: `=`, `:` or blanks.
  std::size_t value_begin = 0;
  while (value_begin < text.size() && (text[value_begin] == ' ' || text[value_begin] == '\t')) ++value_begin;
  while (value_begin < text.size() && is_word_char(text[value_begin])) ++value_begin;
  while (value_begin < text.size() && is_separator(text[value_begin])) ++value_begin;
  // Credentials as a DB address holds them (`ADDRESS user:pw@host:1/db` typed
  // without `=`): the last `@`, then the first `:` to its left; without a `:`,
  // all before the `@` may be the password.
  const std::string_view rest = text.substr(std::min(value_begin, text.size()));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const auto colon = rest.substr(0, at).find(':');
    const std::size_t begin = colon == std::string_view::npos ? 0 : colon + 1;
    if (at > begin) secrets.push_back({.begin = value_begin + begin, .end = value_begin + at});
  }
  // After a word naming a password, everything after its separator is taken
  // as the password. Words are looked for apart from the credentials, which
  // are masked whatever words they hold.
  std::size_t end = text.size();
  std::optional<std::size_t> word;
  if (!secrets.empty()) {
    end = secrets.front().begin;
    word = password_word_at(text, 0, end);
    if (!word) {
      end = text.size();
      word = password_word_at(text, secrets.front().end, end);
    }
  } else {
    word = password_word_at(text, 0, end);
  }
  if (!word) return secrets;
  std::size_t at = *word;
  while (at < end && is_word_char(text[at])) ++at;
  while (at < end && is_separator(text[at])) ++at;
  if (at < text.size()) secrets.push_back({.begin = at, .end = text.size()});
  return secrets;
}

MaskedText masked_ranges(std::string_view original, std::vector<TextRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const TextRange& a, const TextRange& b) { return std::tie(a.begin, a.end) < std::tie(b.begin, b.end); });
  MaskedText masked;
  for (const TextRange& range : ranges) {
    const TextRange clipped{.begin = std::min(range.begin, original.size()), .end = std::min(range.end, original.size())};
    if (clipped.begin >= clipped.end) continue;
    if (!masked.masked.empty() && clipped.begin < masked.masked.back().end) {
      masked.masked.back().end = std::max(masked.masked.back().end, clipped.end);
    } else {
      masked.masked.push_back(clipped);
    }
  }
  std::size_t copied = 0;
  for (const TextRange& range : masked.masked) {
    masked.text.append(original.substr(copied, range.begin - copied));
    masked.text.append(secret_mask);
    copied = range.end;
  }
  masked.text.append(original.substr(copied));
  return masked;
}

std::size_t MaskedText::shown_begin(std::size_t offset) const {
  std::size_t shift = 0;  // how much later (or earlier) than in the original
  for (const TextRange& range : masked) {
    if (offset < range.begin) break;
    if (offset < range.end) return range.begin + shift;  // before this range's growth or shrink
    shift += secret_mask.size();
    shift -= range.end - range.begin;
  }
  return offset + shift;
}

std::size_t MaskedText::shown_end(std::size_t end) const {
  if (end == 0) return 0;
  for (const TextRange& range : masked) {
    if (end - 1 < range.begin) break;
    if (end - 1 < range.end) return shown_begin(range.begin) + secret_mask.size();
  }
  return shown_begin(end - 1) + 1;
}

std::string masked_occurrences(std::string text, std::string_view value, std::size_t min_length) {
  if (value.empty() || value.size() < min_length) return text;
  for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at + secret_mask.size())) {
    text.replace(at, value.size(), secret_mask);
  }
  return text;
}

}  // namespace emglint::analysis
