#include "analysis/config_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "analysis/keywords.h"
#include "parser/words.h"

namespace emglint::analysis {

namespace {

// `#BACKEND=TC` as the procedure comments it out: the option and nothing
// else, so that prose such as `# BACKEND=TC was never added` is no sign.
bool is_commented_backend(const config::Comment& comment) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  std::string_view text = comment.text();
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

namespace {

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Orders as to_upper() of both would, without making either.
bool less_in_any_case(std::string_view a, std::string_view b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return upper(x) < upper(y); });
}

// Sorts options or blocks by the name `name_of` gives them in any case, then
// by line: file order among the same names, without the buffer a stable sort takes.
template <typename Item, typename NameOf>
void sort_by_name(std::vector<const Item*>& items, NameOf name_of) {
  std::sort(items.begin(), items.end(), [&](const Item* a, const Item* b) {
    if (less_in_any_case(std::invoke(name_of, *a), std::invoke(name_of, *b))) return true;
    if (less_in_any_case(std::invoke(name_of, *b), std::invoke(name_of, *a))) return false;
    return a->line() < b->line();
  });
}

// The items named `name` in any case, from an array sort_by_name sorted.
template <typename Item, typename NameOf>
std::span<const Item* const> named(const std::vector<const Item*>& items, std::string_view name, NameOf name_of) {
  const auto first = std::partition_point(items.begin(), items.end(), [&](const Item* item) {
    return less_in_any_case(std::invoke(name_of, *item), name);
  });
  const auto last = std::partition_point(
      first, items.end(), [&](const Item* item) { return !less_in_any_case(name, std::invoke(name_of, *item)); });
  return {first, last};
}

// The option of `options` (in file order) on the 1-based line, if any.
const config::Option* option_on(config::OptionRange options, std::size_t line) {
  const auto found =
      std::lower_bound(options.begin(), options.end(), line,
                       [](const config::Option& option, std::size_t wanted) { return option.line() < wanted; });
  return found != options.end() && found->line() == line ? &*found : nullptr;
}

}  // namespace

ConfigIndex::ConfigIndex(const config::ConfigModel& config) : config_(config) {
  general_by_key_.reserve(config.general.size());
  for (const auto& option : config.general) general_by_key_.push_back(&option);
  sort_by_name(general_by_key_, &config::Option::key);
  for (const config::Block& block : config.blocks) {
    if (is_block_kind(block, "DB")) db_profiles_.push_back(&block);
  }
  db_profiles_by_name_ = db_profiles_;
  sort_by_name(db_profiles_by_name_, &config::Block::name);
  const auto commented = std::find_if(config.comments.begin(), config.comments.end(), is_commented_backend);
  if (commented != config.comments.end()) commented_backend_ = &*commented;

  secrets_ = find_secrets(config);
  std::sort(secrets_.begin(), secrets_.end(),
            [](const Secret& a, const Secret& b) { return std::tie(a.line, a.begin) < std::tie(b.line, b.begin); });
  std::vector<std::string_view> values;
  values.reserve(secrets_.size());
  for (const Secret& secret : secrets_) values.push_back(config.source.substr(secret.begin, secret.end - secret.begin));
  secret_matcher_ = SecretMatcher(values);
}

std::span<const config::Option* const> ConfigIndex::general(std::string_view key) const {
  return named(general_by_key_, key, &config::Option::key);
}

const config::Option* ConfigIndex::active_backend() const {
  const auto backends = general("BACKEND");
  return backends.empty() ? nullptr : backends.back();
}

const config::Block* ConfigIndex::db_profile(std::string_view name) const {
  const auto profiles = named(db_profiles_by_name_, name, &config::Block::name);
  return profiles.empty() ? nullptr : profiles.front();
}

std::span<const Secret> ConfigIndex::secrets_on(std::size_t line) const {
  const auto first =
      std::partition_point(secrets_.begin(), secrets_.end(), [&](const Secret& secret) { return secret.line < line; });
  const auto last =
      std::partition_point(first, secrets_.end(), [&](const Secret& secret) { return secret.line == line; });
  return {first, last};
}

MaskedText ConfigIndex::shown_line(std::size_t line) const {
  const std::string_view text = config_.line_text(line);
  std::vector<TextRange> ranges = secret_matcher_.find(text, min_masked_in_prose);
  if (line == 0 || line > config_.lines.size()) return masked_ranges(text, std::move(ranges));
  if (config_.lines[line - 1].kind == config::LineKind::invalid) {
    for (const TextRange& range : invalid_line_secrets(text)) ranges.push_back(range);
    return masked_ranges(text, std::move(ranges));
  }
  const std::size_t line_begin = config_.lines[line - 1].begin;
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
  if (!option.value()) return std::string(option.key());
  return fmt::format("{}={}", option.key(), shown_value(option));
}

const config::Block* ConfigIndex::last_block_from(std::size_t line) const {
  const auto after = std::partition_point(config_.blocks.begin(), config_.blocks.end(),
                                          [&](const config::Block& block) { return block.line() <= line; });
  return after == config_.blocks.begin() ? nullptr : &*std::prev(after);
}

const config::Option* ConfigIndex::option_at(std::size_t line) const {
  // Blocks do not nest: the last one opened at or above the line is the only one that may hold it.
  if (const config::Block* block = last_block_from(line)) {
    if (const config::Option* option = option_on(block->options(), line)) return option;
  }
  return option_on({config_.general.begin(), config_.general.end()}, line);
}

std::string ConfigIndex::object_at(std::size_t line) const {
  const auto block_name = [](const config::Block& block) { return fmt::format("{} {}", block.kind(), block.name()); };
  if (const config::Option* option = option_at(line)) {
    const int block = option->block();
    return fmt::format("{}/{}",
                       block < 0 ? std::string("general") : block_name(config_.blocks[static_cast<std::size_t>(block)]),
                       option->key());
  }
  if (const config::Block* block = last_block_from(line)) {
    if (block->line() == line || block->close_line() == line) return block_name(*block);
  }
  return "line `" + object_text(masked_line(line)) + "`";
}

}  // namespace emglint::analysis
