#include "parser/pam_config.h"

#include <algorithm>
#include <cctype>

namespace emglint::pam {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// The file's lines, each without its terminator and what follows a `#`.
struct NumberedLine {
  std::size_t line = 0;
  std::string text;
};

std::vector<NumberedLine> uncommented_lines(std::string_view text, bool join_continued) {
  std::vector<NumberedLine> lines;
  std::size_t number = 0;
  bool continues = false;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    // A `\` at the end joins the next line to this one (before comments are cut, as PAM does).
    const bool continued = join_continued && line.ends_with('\\');
    if (continued) line.remove_suffix(1);
    std::string_view kept = line.substr(0, line.find('#'));
    if (continues) {
      lines.back().text += ' ';
      lines.back().text += kept;
    } else {
      lines.push_back({number, std::string(kept)});
    }
    continues = continued;
  }
  return lines;
}

// Blank-separated words; with `brackets`, a word opening with `[` runs to the `]` that closes it.
std::vector<std::string> words_of(std::string_view text, bool brackets) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_blank(text[at])) ++at;
    if (at == text.size()) break;
    std::size_t end = at;
    if (brackets && text[at] == '[') {
      end = text.find(']', at);
      end = end == std::string_view::npos ? text.size() : end + 1;
    }
    while (end < text.size() && !is_blank(text[end])) ++end;
    words.emplace_back(text.substr(at, end - at));
    at = end;
  }
  return words;
}

}  // namespace

std::string_view ServiceEntry::module_name() const {
  const std::string_view path = target;
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::vector<ServiceEntry> parse_service(std::string_view text) {
  std::vector<ServiceEntry> entries;
  for (const auto& [number, line] : uncommented_lines(text, true)) {
    const auto words = words_of(line, true);
    if (words.size() < 2) continue;
    ServiceEntry entry;
    entry.line = number;
    if (words[0].starts_with('@')) {
      // `@include NAME` is the only directive of its kind.
      if (lower(words[0]) != "@include") continue;
      entry.kind = ServiceEntry::Kind::include;
      entry.target = words[1];
      entries.push_back(std::move(entry));
      continue;
    }
    if (words.size() < 3) continue;
    std::string_view type = words[0];
    if (type.starts_with('-')) type.remove_prefix(1);  // `-session`: skipped quietly when the module is missing
    entry.type = lower(type);
    entry.control = words[1].starts_with('[') ? words[1] : lower(words[1]);
    entry.target = words[2];
    entry.arguments.assign(words.begin() + 3, words.end());
    if (entry.control == "include" || entry.control == "substack") entry.kind = ServiceEntry::Kind::include;
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<LimitsEntry> parse_limits(std::string_view text) {
  std::vector<LimitsEntry> entries;
  for (const auto& [number, line] : uncommented_lines(text, false)) {
    const auto fields = words_of(line, false);
    if (fields.size() == 2 && fields[1] == "-") {
      entries.push_back({.line = number, .domain = fields[0], .type = "-", .exemption = true});
      continue;
    }
    if (fields.size() < 4) continue;
    // The value is the rest of the line, as pam_limits takes it.
    std::string value = fields[3];
    for (std::size_t i = 4; i < fields.size(); ++i) value += " " + fields[i];
    entries.push_back({.line = number,
                       .domain = fields[0],
                       .type = lower(fields[1]),
                       .item = lower(fields[2]),
                       .value = lower(value),
                       .exemption = false});
  }
  return entries;
}

}  // namespace emglint::pam
