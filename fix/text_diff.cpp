#include "fix/text_diff.h"

#include <dtl/dtl.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace emglint::fix {

namespace {

constexpr std::size_t context_lines = 3;

// Each line with its terminator: comparing them so tells a line that lost its
// final newline from one that kept it.
std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::size_t length = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.emplace_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return lines;
}

enum class Kind { common, removed, added };

struct DiffLine {
  Kind kind = Kind::common;
  const std::string* text = nullptr;
};

void write_line(std::string& out, char prefix, const std::string& line) {
  out += prefix;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

// "start,count" as diff -u writes it: an empty range starts one line before.
std::string range(std::size_t first, std::size_t count) {
  const std::size_t start = count == 0 ? first : first + 1;
  return count == 1 ? fmt::format("{}", start) : fmt::format("{},{}", start, count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                         std::string_view new_label) {
  if (before == after) return {};
  const std::vector<std::string> old_lines = lines_of(before);
  const std::vector<std::string> new_lines = lines_of(after);
  dtl::Diff<std::string, std::vector<std::string>> diff(old_lines, new_lines);
  diff.onHuge();
  diff.compose();

  std::vector<DiffLine> script;
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    // The sequence holds copies; point at the texts, which outlive `script`.
    switch (info.type) {
      case dtl::SES_COMMON:
        script.push_back({Kind::common, &old_lines[static_cast<std::size_t>(info.beforeIdx - 1)]});
        break;
      case dtl::SES_DELETE:
        script.push_back({Kind::removed, &old_lines[static_cast<std::size_t>(info.beforeIdx - 1)]});
        break;
      case dtl::SES_ADD:
        script.push_back({Kind::added, &new_lines[static_cast<std::size_t>(info.afterIdx - 1)]});
        break;
      default: break;
    }
  }

  std::string out = fmt::format("--- {}\n+++ {}\n", old_label, new_label);
  std::size_t index = 0;
  std::size_t old_line = 0;  // lines of `before` passed so far
  std::size_t new_line = 0;
  while (index < script.size()) {
    const auto change = std::find_if(script.begin() + static_cast<std::ptrdiff_t>(index), script.end(),
                                     [](const DiffLine& line) { return line.kind != Kind::common; });
    if (change == script.end()) break;
    const std::size_t change_at = static_cast<std::size_t>(change - script.begin());
    const std::size_t skipped = change_at - index;
    const std::size_t lead = std::min(skipped, context_lines);
    old_line += skipped - lead;
    new_line += skipped - lead;
    std::size_t hunk_begin = change_at - lead;
    // The hunk runs until more than twice the context of common lines follows a change.
    std::size_t hunk_end = change_at;
    std::size_t common_run = 0;
    for (std::size_t i = change_at; i < script.size(); ++i) {
      if (script[i].kind == Kind::common) {
        if (++common_run > 2 * context_lines) break;
      } else {
        common_run = 0;
        hunk_end = i + 1;
      }
    }
    hunk_end = std::min(script.size(), hunk_end + context_lines);
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (std::size_t i = hunk_begin; i < hunk_end; ++i) {
      if (script[i].kind != Kind::added) ++old_count;
      if (script[i].kind != Kind::removed) ++new_count;
    }
    out += fmt::format("@@ -{} +{} @@\n", range(old_line, old_count), range(new_line, new_count));
    for (std::size_t i = hunk_begin; i < hunk_end; ++i) {
      const char prefix = script[i].kind == Kind::common ? ' ' : script[i].kind == Kind::removed ? '-' : '+';
      write_line(out, prefix, *script[i].text);
    }
    old_line += old_count;
    new_line += new_count;
    index = hunk_end;
  }
  return out;
}

}  // namespace emglint::fix
