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

}  // namespace

std::vector<Secret> find_secrets(const config::ConfigModel& config, std::span<const config::Option* const> options) {
  std::vector<Secret> secrets;
  for (const config::Option* option : options) {
    if (!option->value || !option->value_span || option->value->empty()) continue;
    if (!is_secret(config, *option)) continue;
    const config::Span& value = *option->value_span;
    if (!is_db_address(config, *option)) {
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
  return config::is_password_key(option.key) || is_db_address(config, option);
}

std::string shortened(std::string_view text) {
  if (text.size() <= max_quoted_value) return std::string(text);
  return std::string(text.substr(0, max_quoted_value)) + "...";
}

std::string shown_value(const config::ConfigModel& config, const config::Option& option) {
  if (!option.value) return {};
  if (!is_secret(config, option)) return shortened(*option.value);
  if (!is_db_address(config, option)) return std::string(secret_mask);
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
  std::string masked(text);
  // A DB address on a line that did not parse (`ADDRESS user:pw@host:1/db`,
  // `ADDRESS: ...`): mask each `user:password@` part.
  for (std::size_t at = masked.find('@'); at != std::string::npos; at = masked.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && masked[begin - 1] != ' ' && masked[begin - 1] != '\t' && masked[begin - 1] != '=') --begin;
    const std::size_t colon = masked.find(':', begin);
    // `ADDRESS:user:pw@`: the password follows the last colon before `@`.
    const std::size_t password = colon < at ? masked.rfind(':', at) + 1 : begin;
    if (password == at) continue;
    masked.replace(password, at - password, secret_mask);
    at = password + secret_mask.size();
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
