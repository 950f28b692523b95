#include "analysis/config_index.h"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/keywords.h"
#include "parser/words.h"

namespace emglint::analysis {

namespace {

// `#BACKEND=TC` as the procedure comments it out: the option and nothing
// else, so that prose such as `# BACKEND=TC was never added` is no sign.
bool is_commented_backend(const config::Comment& comment) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::string_view text = comment.text;
  while (!text.empty() && (blank(text.front()) || text.front() == '#')) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  if (text.size() < 7 || !iequals(text.substr(0, 7), "BACKEND")) return false;
  text.remove_prefix(7);
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  if (!text.starts_with('=')) return false;
  text.remove_prefix(1);
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  return !text.empty() && std::none_of(text.begin(), text.end(), blank);
}

}  // namespace

std::string object_text(std::string_view line) {
  constexpr std::size_t max_object_text = 80;
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return std::string(config::cut_at_character(line, max_object_text));
}

ConfigIndex::ConfigIndex(const config::ConfigModel& config)
    : config_(config), option_of_line_(config.lines.size() + 1, nullptr), block_of_line_(config.lines.size() + 1, -1) {
  line_starts_.reserve(config.lines.size());
  for (const auto& line : config.lines) line_starts_.push_back(line.span.begin);
  for (const auto& option : config.general) {
    options_.push_back(&option);
    general_by_key_[to_upper(option.key)].push_back(&option);
  }
  for (std::size_t b = 0; b < config.blocks.size(); ++b) {
    const config::Block& block = config.blocks[b];
    for (const auto& option : block.options) options_.push_back(&option);
    if (block.header_span.line < block_of_line_.size()) block_of_line_[block.header_span.line] = static_cast<int>(b);
    if (block.close_line && *block.close_line < block_of_line_.size()) {
      block_of_line_[*block.close_line] = static_cast<int>(b);
    }
    if (!is_block_kind(block, "DB")) continue;
    db_profiles_.push_back(&block);
    db_profile_by_name_.try_emplace(to_upper(block.name), &block);
  }
  for (const config::Option* option : options_) {
    if (option->span.line < option_of_line_.size()) option_of_line_[option->span.line] = option;
  }
  const auto commented = std::find_if(config.comments.begin(), config.comments.end(), is_commented_backend);
  if (commented != config.comments.end()) commented_backend_ = &*commented;

  secrets_ = find_secrets(config, options_);
  std::sort(secrets_.begin(), secrets_.end(),
            [](const Secret& a, const Secret& b) { return std::tie(a.line, a.begin) < std::tie(b.line, b.begin); });
  // first_secret_of_line_[n] .. first_secret_of_line_[n + 1] are line n's secrets.
  first_secret_of_line_.assign(config.lines.size() + 2, secrets_.size());
  for (std::size_t i = secrets_.size(); i-- > 0;) {
    if (secrets_[i].line < first_secret_of_line_.size()) first_secret_of_line_[secrets_[i].line] = i;
  }
  for (std::size_t line = first_secret_of_line_.size() - 1; line-- > 0;) {
    first_secret_of_line_[line] = std::min(first_secret_of_line_[line], first_secret_of_line_[line + 1]);
  }
  std::vector<std::string_view> values;
  values.reserve(secrets_.size());
  for (const Secret& secret : secrets_) {
    values.push_back(std::string_view(config.source).substr(secret.begin, secret.end - secret.begin));
  }
  secret_matcher_ = SecretMatcher(values);
}

std::span<const config::Option* const> ConfigIndex::general(std::string_view key) const {
  const auto found = general_by_key_.find(to_upper(key));
  if (found == general_by_key_.end()) return {};
  return found->second;
}

const config::Option* ConfigIndex::active_backend() const {
  const auto backends = general("BACKEND");
  return backends.empty() ? nullptr : backends.back();
}

const config::Block* ConfigIndex::db_profile(std::string_view name) const {
  const auto found = db_profile_by_name_.find(to_upper(name));
  return found == db_profile_by_name_.end() ? nullptr : found->second;
}

std::span<const Secret> ConfigIndex::secrets_on(std::size_t line) const {
  if (line == 0 || line + 1 >= first_secret_of_line_.size()) return {};
  const std::size_t first = first_secret_of_line_[line];
  const std::size_t last = first_secret_of_line_[line + 1];
  return std::span<const Secret>(secrets_).subspan(first, last - first);
}

MaskedText ConfigIndex::shown_line(std::size_t line) const {
  const std::string_view text = config_.line_text(line);
  std::vector<TextRange> ranges = secret_matcher_.find(text, min_masked_in_prose);
  if (line == 0 || line > config_.lines.size()) return masked_ranges(text, std::move(ranges));
  if (config_.lines[line - 1].kind == config::LineKind::invalid) {
    for (const TextRange& range : invalid_line_secrets(text)) ranges.push_back(range);
    return masked_ranges(text, std::move(ranges));
  }
  const std::size_t line_begin = config_.lines[line - 1].span.begin;
  for (const Secret& secret : secrets_on(line)) {
    ranges.push_back({.begin = secret.begin - line_begin, .end = secret.end - line_begin});
  }
  return masked_ranges(text, std::move(ranges));
}

MaskedText ConfigIndex::masked(std::string_view text, std::size_t min_length, std::size_t* steps) const {
  return masked_ranges(text, secret_matcher_.find(text, min_length, steps));
}

std::string ConfigIndex::masked_text(std::string text, std::size_t min_length) const {
  std::vector<TextRange> ranges = secret_matcher_.find(text, min_length);
  if (ranges.empty()) return text;
  return masked_ranges(text, std::move(ranges)).text;
}

std::string ConfigIndex::quoted(std::string_view text) const {
  return shortened(masked_text(std::string(text)));
}

std::string ConfigIndex::shown_value(const config::Option& option) const {
  return shortened(masked_text(value_with_password_masked(config_, option)));
}

std::string ConfigIndex::shown_option(const config::Option& option) const {
  if (!option.value) return option.key;
  return option.key + "=" + shown_value(option);
}

std::string ConfigIndex::object_at(std::size_t line) const {
  const auto block_name = [&](int index) {
    const config::Block& block = config_.blocks[static_cast<std::size_t>(index)];
    return fmt::format("{} {}", block.kind, block.name);
  };
  if (line < option_of_line_.size() && option_of_line_[line] != nullptr) {
    const config::Option& option = *option_of_line_[line];
    return fmt::format("{}/{}", option.block < 0 ? std::string("general") : block_name(option.block), option.key);
  }
  if (line < block_of_line_.size() && block_of_line_[line] >= 0) return block_name(block_of_line_[line]);
  return "line `" + object_text(masked_line(line)) + "`";
}

}  // namespace emglint::analysis
