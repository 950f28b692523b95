#include "analysis/general_log.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "inspect/versions.h"

namespace emglint::analysis {

namespace {

bool contains_word(std::string_view line, std::string_view word) {
  for (auto at = line.find(word); at != std::string_view::npos; at = line.find(word, at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(line[at - 1]));
    const std::size_t end = at + word.size();
    const bool ends = end == line.size() || !std::isalnum(static_cast<unsigned char>(line[end]));
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string_view> problem_log_word(std::string_view line) {
  for (std::string_view word : {"FATAL", "CRITICAL", "ERROR", "WARNING"}) {
    if (contains_word(line, word)) return word;
  }
  return std::nullopt;
}

bool is_start_log_line(std::string_view line) {
  std::string lower(line);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return contains_word(lower, "starting");
}

inspect::LogLineKind classify_log_line(std::string_view line) {
  if (is_start_log_line(line)) {
    const auto version = inspect::parse_version_output(line);
    return version && version->is_release(7, 2) ? inspect::LogLineKind::start_of_7_2 : inspect::LogLineKind::start;
  }
  return problem_log_word(line) ? inspect::LogLineKind::problem : inspect::LogLineKind::other;
}

}  // namespace emglint::analysis
