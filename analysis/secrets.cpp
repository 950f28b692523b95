#include "analysis/secrets.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "analysis/keywords.h"
#include "parser/db_address.h"
#include "parser/words.h"

namespace emglint::analysis {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Where the first word that names a password starts in `text`, if any: a
// PASSWORD, a misspelt one (PASWORD, PASSWROD), or a look-alike (DBPASS) whose
// value is just as secret.
std::optional<std::size_t> password_word_at(std::string_view text) {
  for (std::size_t begin = 0; begin < text.size();) {
    if (!is_word_char(text[begin])) {
      ++begin;
      continue;
    }
    std::size_t end = begin;
    while (end < text.size() && is_word_char(text[end])) ++end;
    if (config::is_password_key(text.substr(begin, end - begin))) return begin;
    begin = end;
  }
  return std::nullopt;
}

bool is_db_address(const config::ConfigModel& config, const config::Option& option) {
  return iequals(option.key, "ADDRESS") && scope_of(config, option) != OptionScope::connector;
}

// A password's key holds nothing but the password; a DB address or a value
// with credentials holds one inside it.
bool holds_whole_password(const config::ConfigModel& config, const config::Option& option) {
  return config::is_password_key(option.key) && !is_db_address(config, option);
}

}  // namespace

std::vector<Secret> find_secrets(const config::ConfigModel& config, std::span<const config::Option* const> options) {
  std::vector<Secret> secrets;
  for (const config::Option* option : options) {
    if (!option->value || !option->value_span || option->value->empty()) continue;
    if (!is_secret(config, *option)) continue;
    const config::Span& value = *option->value_span;
    if (holds_whole_password(config, *option)) {
      secrets.push_back({value.line, value.begin, value.end});
    } else if (auto password = config::db_address_password(*option->value)) {
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
  return config::is_password_key(option.key) || is_db_address(config, option) ||
         (option.value && config::db_address_password(*option.value));
}

std::string shortened(std::string_view text) {
  if (text.size() <= max_quoted_value) return std::string(text);
  return std::string(text.substr(0, max_quoted_value)) + "...";
}

std::string shown_value(const config::ConfigModel& config, const config::Option& option) {
  if (!option.value) return {};
  if (!is_secret(config, option)) return shortened(*option.value);
  if (holds_whole_password(config, option)) return std::string(secret_mask);
  std::string value = *option.value;
  const auto password = config::db_address_password(value);
  if (!password) return std::string(secret_mask);  // no `@`: the whole value may be the password
  value.replace(password->offset, password->size, secret_mask);
  return shortened(value);
}

std::string shown_option(const config::ConfigModel& config, const config::Option& option) {
  if (!option.value) return option.key;
  return option.key + "=" + shown_value(config, option);
}

std::string masked_invalid_line(std::string_view text) {
  // The first word, and what separates it from the rest: `=`, `:` or blanks.
  std::size_t value_begin = 0;
  while (value_begin < text.size() && (text[value_begin] == ' ' || text[value_begin] == '\t')) ++value_begin;
  while (value_begin < text.size() && is_word_char(text[value_begin])) ++value_begin;
  while (value_begin < text.size() && std::string_view("=: \t").find(text[value_begin]) != std::string_view::npos) {
    ++value_begin;
  }
  std::string masked(text);
  // Credentials as a DB address holds them (`ADDRESS user:pw@host:1/db` typed
  // without `=`): the last `@`, then the first `:` to its left; without a `:`,
  // all before the `@` may be the password.
  const std::string_view rest = text.substr(std::min(value_begin, text.size()));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const auto colon = rest.substr(0, at).find(':');
    const std::size_t begin = colon == std::string_view::npos ? 0 : colon + 1;
    if (at > begin) masked.replace(value_begin + begin, at - begin, secret_mask);
  }
  // After a word naming a password, everything after its separator is taken as the password.
  const auto word = password_word_at(masked);
  if (!word) return masked;
  std::size_t at = *word;
  while (at < masked.size() && is_word_char(masked[at])) ++at;
  while (at < masked.size() && std::string_view("=: \t").find(masked[at]) != std::string_view::npos) ++at;
  if (at >= masked.size()) return masked;
  return masked.substr(0, at) + std::string(secret_mask);
}

std::string masked_occurrences(std::string text, std::string_view value, std::size_t min_length) {
  if (value.empty() || value.size() < min_length) return text;
  for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at + secret_mask.size())) {
    text.replace(at, value.size(), secret_mask);
  }
  return text;
}

}  // namespace emglint::analysis
