#include "rules/secrets.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "parser/db_address.h"
#include "parser/words.h"
#include "rules/keywords.h"

namespace emglint::rules {

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

// On a line that did not parse, everything after the password's keyword and
// its separator is taken as the password.
std::string masked_invalid_line(std::string_view text) {
  const auto word = password_word_at(text);
  if (!word) return std::string(text);
  std::size_t at = *word;
  while (at < text.size() && is_word_char(text[at])) ++at;
  while (at < text.size() && std::string_view("=: \t").find(text[at]) != std::string_view::npos) ++at;
  if (at >= text.size()) return std::string(text);
  return std::string(text.substr(0, at)) + std::string(secret_mask);
}

}  // namespace

std::vector<Secret> find_secrets(const config::ConfigModel& config) {
  std::vector<Secret> secrets;
  for (const config::Option* option : all_options(config)) {
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

std::string masked_line(const config::ConfigModel& config, const std::vector<Secret>& secrets, std::size_t line) {
  const std::string_view text = config.line_text(line);
  if (line == 0 || line > config.lines.size()) return std::string(text);
  if (config.lines[line - 1].kind == config::LineKind::invalid) return masked_invalid_line(text);
  const std::size_t line_begin = config.lines[line - 1].span.begin;
  std::vector<const Secret*> on_line;
  for (const Secret& secret : secrets) {
    if (secret.line == line) on_line.push_back(&secret);
  }
  std::sort(on_line.begin(), on_line.end(), [](const Secret* a, const Secret* b) { return a->begin < b->begin; });
  std::string result;
  std::size_t copied = 0;
  for (const Secret* secret : on_line) {
    const std::size_t begin = secret->begin - line_begin;
    if (begin < copied) continue;
    result.append(text.substr(copied, begin - copied));
    result.append(secret_mask);
    copied = secret->end - line_begin;
  }
  if (copied < text.size()) result.append(text.substr(copied));
  return result;
}

std::string scrub_secrets(std::string text, const config::ConfigModel& config, const std::vector<Secret>& secrets,
                          std::size_t min_length) {
  for (const Secret& secret : secrets) {
    const std::string_view value = std::string_view(config.source).substr(secret.begin, secret.end - secret.begin);
    if (value.empty() || value.size() < min_length) continue;
    for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at + secret_mask.size())) {
      text.replace(at, value.size(), secret_mask);
    }
  }
  return text;
}

}  // namespace emglint::rules
