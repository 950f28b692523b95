#include <fmt/format.h>

#include "report/printable.h"
#include "reporters/json_writer.h"
#include "reporters/reporter.h"
#include "reporters/summary_counts.h"

#include <algorithm>
#include <array>
#include <utility>

namespace emglint::reporters {

namespace {

using report::Severity;
using report::printable;

// Long lines are shown as a window around the column, so a 50 MB line does not
// become a 50 MB report.
constexpr std::size_t snippet_context = 60;

struct Style {
  bool color;
  [[nodiscard]] std::string paint(std::string_view text, std::string_view code) const {
    if (!color) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;33";
    case Severity::info: return "1;36";
  }
  return "1";
}

// Where the caret goes in the finding's (masked) source line, 1-based, and
// how wide: never past the line's end, whatever the columns say.
std::pair<std::size_t, std::size_t> caret_in_line(const report::Finding& finding) {
  const auto& span = *finding.span;
  std::size_t column = span.column;
  std::size_t end = span.end_line == span.line && span.end_column > span.column ? span.end_column : column + 1;
  if (finding.source_column > 0) {
    column = finding.source_column;
    end = std::max(finding.source_end_column, column + 1);
  }
  const std::size_t past_line = finding.source_line.size() + 1;
  column = std::clamp<std::size_t>(column, 1, past_line);
  return {column, std::max<std::size_t>(1, std::min(end, past_line + 1) - column)};
}

bool continues_a_character(char byte) { return (static_cast<unsigned char>(byte) & 0xc0) == 0x80; }

// The line's bytes [first, last) moved to whole characters: a window never
// starts or ends inside a UTF-8 sequence (a sequence is at most 4 bytes).
std::pair<std::size_t, std::size_t> whole_characters(std::string_view line, std::size_t first, std::size_t last) {
  for (int step = 0; step < 3 && first < line.size() && continues_a_character(line[first]); ++step) ++first;
  for (int step = 0; step < 3 && last > first && last < line.size() && continues_a_character(line[last]); ++step) {
    --last;
  }
  return {first, last};
}

// The line, and under it a caret under the finding's characters: columns are
// bytes, a terminal shows characters, so the marker has one blank (or tab)
// per character before the column and the caret one `~` per character.
void write_snippet(std::ostream& out, const report::Finding& finding, const Style& style) {
  const auto& span = *finding.span;
  std::string_view line = finding.source_line;
  auto [column, caret_bytes] = caret_in_line(finding);  // column: 1-based byte within `line`
  std::string prefix;
  std::string suffix;
  if (line.size() > 2 * snippet_context) {
    const auto [first, last] = whole_characters(
        line, column > snippet_context ? column - snippet_context : 0,
        std::min(line.size(), (column > snippet_context ? column - snippet_context : 0) + 2 * snippet_context));
    if (first > 0) prefix = "...";
    if (last < line.size()) suffix = "...";
    line = line.substr(first, last - first);
    column = column > first ? column - first : 1;
  }
  const std::string gutter = fmt::format("{:>5} | ", span.line);
  out << gutter << prefix << printable(line) << suffix << '\n';

  std::string marker(gutter.size() - 2, ' ');
  marker += "| ";
  marker += std::string(prefix.size(), ' ');
  std::size_t at = 0;
  while (at + 1 < column && at < line.size()) {
    marker += line[at] == '\t' ? '\t' : ' ';
    at += utf8_character_size(line, at);
  }
  std::size_t caret_width = 0;
  for (const std::size_t end = std::min(line.size(), at + caret_bytes); at < end; ++caret_width) {
    at += utf8_character_size(line, at);
  }
  std::string caret(std::max<std::size_t>(1, caret_width), '~');
  caret.front() = '^';
  out << marker << style.paint(caret, severity_color(finding.severity)) << '\n';
}

void write_phase(std::ostream& out, const report::TargetReport& target, const Style& style) {
  std::string evidence;
  for (const auto& item : target.phase.evidence) evidence += (evidence.empty() ? "" : "; ") + printable(item);
  if (!target.phase.requested && !target.phase.detected) {
    out << fmt::format("{}: phase not detected ({})\n", printable(target.path), evidence);
    return;
  }
  const std::string how = target.phase.requested ? "as requested"
                          : target.phase.certain ? "detected"
                                                 : "detected, uncertain (EMG110)";
  out << fmt::format("{}: phase {} ({}{}{})\n", printable(target.path),
                     style.paint(report::to_string(target.phase.effective), "1"), how, evidence.empty() ? "" : ": ",
                     evidence);
}

void write_summary(std::ostream& out, const report::Report& report, const Style& style) {
  for (const auto& target : report.targets) {
    write_phase(out, target, style);
    if (!target.skipped.empty()) {
      // As MySQL's upgrade checker does: say which checks were left out, and what they need.
      std::string skipped;
      // Checks skipped for one reason are named together: `EMG803, EMG804, EMG805 (--offline)`.
      for (std::size_t i = 0; i < target.skipped.size(); ++i) {
        const auto& check = target.skipped[i];
        skipped += fmt::format("{}{}", skipped.empty() ? "" : ", ", report::skipped_name(check));
        if (i + 1 == target.skipped.size() || target.skipped[i + 1].reason != check.reason) {
          skipped += fmt::format(" ({})", check.reason);
        }
      }
      out << fmt::format("{}: not run: {}\n", printable(target.path), skipped);
    }
    for (const auto& fixed : target.fixed) {
      out << fmt::format("{}: fixed [{}] {}\n", printable(fixed.file), fixed.rule,
                         printable(fixed.description));
    }
    for (const auto& reason : target.not_fixed) {
      out << fmt::format("{}: not fixed: {}\n", printable(target.path), printable(reason));
    }
    for (const auto& backup : target.backups) out << fmt::format("{}: original kept\n", printable(backup));
  }
  for (const auto& problem : report.problems) out << "not checked: " << printable(problem) << '\n';

  const report::Summary& summary = report.summary;
  std::string line = summary_counts(report);
  if (summary.safe_fixes > 0 && summary.unsafe_fixes > 0) {
    line +=
        fmt::format(" ({} fixable with --fix, {} more with --unsafe-fixes)", summary.safe_fixes, summary.unsafe_fixes);
  } else if (summary.safe_fixes > 0) {
    line += fmt::format(" ({} fixable with --fix)", summary.safe_fixes);
  } else if (summary.unsafe_fixes > 0) {
    line += fmt::format(" ({} fixable with --fix --unsafe-fixes)", summary.unsafe_fixes);
  }
  out << line << '\n';
}

class TextReporter final : public Reporter {
 public:
  explicit TextReporter(const TextOptions& options) : options_(options) {}

  void write(std::ostream& out, const report::Report& report) const override {
    const Style style{options_.color};
    for (const auto& target : report.targets) {
      for (const auto& finding : target.findings) {
        if (finding.suppression) continue;  // JSON keeps them, marked; the summary counts them
        std::string location = printable(target.files[finding.file].display);
        if (finding.span) location += fmt::format(":{}:{}", finding.span->line, finding.span->column);
        out << style.paint(location, "1") << ": "
            << style.paint(fmt::format("{}[{}]", report::to_string(finding.severity), finding.rule->id),
                           severity_color(finding.severity))
            << ' ' << printable(finding.message) << '\n';
        if (finding.span && !finding.source_line.empty()) write_snippet(out, finding, style);
      }
    }
    if (!options_.quiet) {
      write_summary(out, report, style);
    } else {
      // Quiet keeps what each finding was judged against, and no more: the
      // phase of a target with a finding shown.
      for (const auto& target : report.targets) {
        const bool shown = std::any_of(target.findings.begin(), target.findings.end(),
                                       [](const report::Finding& finding) { return !finding.suppression; });
        if (shown) write_phase(out, target, style);
      }
    }
  }

 private:
  TextOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> text_reporter(const TextOptions& options) { return std::make_unique<TextReporter>(options); }

}  // namespace emglint::reporters
