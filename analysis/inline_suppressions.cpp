#include "analysis/inline_suppressions.h"

#include <algorithm>

#include "analysis/keywords.h"
#include "report/work_counter.h"

namespace emglint::analysis {

namespace {

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool starts_with_word(std::string_view text, std::string_view word) {
  return text.starts_with(word) && (text.size() == word.size() || text[word.size()] == ' ' ||
                                    text[word.size()] == '\t' || text[word.size()] == ',');
}

// The text after `emglint:` of a suppression comment line, or nullopt.
std::optional<std::string_view> directive_of(std::string_view line) {
  line = trim_blanks(line);
  if (!line.starts_with('#')) return std::nullopt;
  line = trim_blanks(line.substr(1));
  constexpr std::string_view marker = "emglint:";
  if (!line.starts_with(marker)) return std::nullopt;
  line = trim_blanks(line.substr(marker.size()));
  if (!starts_with_word(line, "ignore") && !starts_with_word(line, "ignore-file")) return std::nullopt;
  return line;
}

// As --select reads an ID: the rule's ID or a prefix of it, any case.
bool names(std::string_view pattern, std::string_view rule_id) {
  return pattern.size() <= rule_id.size() && iequals(rule_id.substr(0, pattern.size()), pattern);
}

}  // namespace

bool InlineSuppression::silences(std::string_view rule_id, std::optional<std::size_t> line) const {
  if (!whole_file && (!line || line != silenced_line)) return false;
  return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return names(id, rule_id); });
}

bool is_inline_suppression(std::string_view line) { return directive_of(line).has_value(); }

std::vector<std::string> id_patterns_naming(std::string_view rule_id) {
  std::vector<std::string> patterns;
  const std::string upper = to_upper(rule_id);
  for (std::size_t size = 1; size <= upper.size(); ++size) patterns.push_back(upper.substr(0, size));
  return patterns;
}

InlineSuppressions::InlineSuppressions(std::vector<InlineSuppression> all) : all_(std::move(all)) {
  for (std::size_t i = 0; i < all_.size(); ++i) {
    const InlineSuppression& suppression = all_[i];
    for (const std::string& id : suppression.ids) {
      if (suppression.whole_file) {
        first_of_file_.try_emplace(to_upper(id), i);
      } else if (suppression.silenced_line) {
        first_of_line_.try_emplace({*suppression.silenced_line, to_upper(id)}, i);
      }
    }
  }
}

const InlineSuppression* InlineSuppressions::silencing(std::string_view rule_id,
                                                       std::optional<std::size_t> line) const {
  if (all_.empty()) return nullptr;
  std::optional<std::size_t> first;
  const auto consider = [&first](std::size_t index) {
    if (!first || index < *first) first = index;
  };
  for (const std::string& pattern : id_patterns_naming(rule_id)) {
    report::count_work();
    if (const auto found = first_of_file_.find(pattern); found != first_of_file_.end()) consider(found->second);
    if (!line) continue;
    if (const auto found = first_of_line_.find({*line, pattern}); found != first_of_line_.end()) {
      consider(found->second);
    }
  }
  return first ? &all_[*first] : nullptr;
}

InlineSuppressions find_inline_suppressions(const ConfigIndex& index) {
  const config::ConfigModel& config = index.config();
  std::vector<InlineSuppression> suppressions;
  // The first line after `scanned_to` that is neither blank nor a comment, or
  // none: comments come in file order, so each line is looked at once.
  std::size_t scanned_to = 0;
  std::optional<std::size_t> next_content_line;
  for (const config::Comment& comment : config.comments) {
    // Whole lines only: directive_of wants the `#` first on the line.
    auto directive = directive_of(config.line_text(comment.line()));
    if (!directive) continue;
    InlineSuppression suppression;
    suppression.comment = comment.span();
    suppression.whole_file = starts_with_word(*directive, "ignore-file");
    std::string_view rest = directive->substr(suppression.whole_file ? 11 : 6);
    const auto dashes = rest.find("--");
    if (dashes != std::string_view::npos) {
      suppression.reason = std::string(trim_blanks(rest.substr(dashes + 2)));
      rest = rest.substr(0, dashes);
    }
    std::string id;
    for (char c : std::string(rest) + ',') {
      if (c == ',' || c == ' ' || c == '\t') {
        if (!id.empty()) suppression.ids.push_back(id);
        id.clear();
      } else {
        id += c;
      }
    }
    if (!suppression.whole_file) {
      if (comment.line() >= scanned_to) {
        next_content_line.reset();
        for (scanned_to = comment.line() + 1; scanned_to <= config.lines.size(); ++scanned_to) {
          report::count_work();
          const config::LineKind kind = config.lines[scanned_to - 1].kind;
          if (kind != config::LineKind::blank && kind != config::LineKind::comment) {
            next_content_line = scanned_to;
            break;
          }
        }
      }
      suppression.silenced_line = next_content_line;
    }
    suppressions.push_back(std::move(suppression));
  }
  return InlineSuppressions(std::move(suppressions));
}

}  // namespace emglint::analysis
