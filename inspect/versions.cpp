#include "inspect/versions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace emglint::inspect {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads digits at `text[at]`; advances `at`.
std::optional<unsigned> read_number(std::string_view text, std::size_t& at, std::size_t max_digits = 9) {
  const std::size_t start = at;
  while (at < text.size() && is_digit(text[at]) && at - start < max_digits + 1) ++at;
  if (at == start || at - start > max_digits) return std::nullopt;
  unsigned value = 0;
  std::from_chars(text.data() + start, text.data() + at, value);
  return value;
}

// `N.N.N` at `at`, or nullopt.
std::optional<Version> read_triple(std::string_view text, std::size_t& at) {
  Version version;
  auto major = read_number(text, at);
  if (!major || at >= text.size() || text[at] != '.') return std::nullopt;
  ++at;
  auto minor = read_number(text, at);
  if (!minor || at >= text.size() || text[at] != '.') return std::nullopt;
  ++at;
  auto patch = read_number(text, at);
  if (!patch) return std::nullopt;
  version.major = *major;
  version.minor = *minor;
  version.patch = *patch;
  return version;
}

}  // namespace

bool is_emg_tool(std::string_view name) {
  return std::find(emg_tools.begin(), emg_tools.end(), name) != emg_tools.end();
}

std::string Version::to_string() const { return fmt::format("{}.{}.{}-{}", major, minor, patch, build); }

std::optional<VersionedName> parse_versioned_name(std::string_view name) {
  const auto dash = name.find('-');
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  std::size_t at = dash + 1;
  auto version = read_triple(name, at);
  if (!version || at >= name.size() || name[at] != '-') return std::nullopt;
  ++at;
  auto build = read_number(name, at);
  if (!build || at != name.size()) return std::nullopt;
  version->build = *build;
  return VersionedName{std::string(name.substr(0, dash)), *version};
}

std::optional<std::string> looks_versioned(std::string_view name) {
  if (parse_versioned_name(name)) return std::nullopt;
  for (std::string_view tool : emg_tools) {
    if (!name.starts_with(tool) || name.size() <= tool.size()) continue;
    const std::string_view rest = name.substr(tool.size());
    // A separator, then a digit: `emgd-7...`, `emgd_7...`, `emgd.7...`.
    if ((rest[0] == '-' || rest[0] == '_' || rest[0] == '.') && rest.size() > 1 && is_digit(rest[1])) {
      return std::string(tool);
    }
  }
  return std::nullopt;
}

std::optional<Version> parse_version_output(std::string_view output) {
  for (std::size_t start = 0; start < output.size(); ++start) {
    if (!is_digit(output[start]) || (start > 0 && (is_digit(output[start - 1]) || output[start - 1] == '.'))) continue;
    std::size_t at = start;
    auto version = read_triple(output, at);
    if (!version) continue;
    // The build: the next run of 4 to 6 digits after the version.
    while (at < output.size()) {
      if (!is_digit(output[at])) {
        ++at;
        continue;
      }
      const std::size_t digits_start = at;
      while (at < output.size() && is_digit(output[at])) ++at;
      const std::size_t digits = at - digits_start;
      if (digits >= 4 && digits <= 6) {
        std::from_chars(output.data() + digits_start, output.data() + at, version->build);
        return version;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace emglint::inspect
