#include "analysis/inline_suppressions.h"

#include <algorithm>

#include "analysis/keywords.h"

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

std::vector<InlineSuppression> find_inline_suppressions(const ConfigIndex& index) {
  const config::ConfigModel& config = index.config();
  std::vector<InlineSuppression> suppressions;
  for (const config::Comment& comment : config.comments) {
    // Whole lines only: directive_of wants the `#` first on the line.
    auto directive = directive_of(config.line_text(comment.span.line));
    if (!directive) continue;
    InlineSuppression suppression;
    suppression.comment = comment.span;
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
      for (std::size_t next = comment.span.line + 1; next <= config.lines.size(); ++next) {
        const config::LineKind kind = config.lines[next - 1].kind;
        if (kind != config::LineKind::blank && kind != config::LineKind::comment) {
          suppression.silenced_line = next;
          break;
        }
      }
    }
    suppressions.push_back(std::move(suppression));
  }
  return suppressions;
}

}  // namespace emglint::analysis
