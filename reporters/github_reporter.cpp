// GitHub Actions workflow commands, which the runner turns into annotations
// on the files of a pull request:
//   ::error file=site1/server.cfg,line=41,col=1,endLine=41,endColumn=15,title=EMG201 dlr-to-same-ip-too-early::message
// `notice` for info, `warning` for warning; files as the text report names
// them, less any `./`. Suppressed findings do not fail the run and are left
// out. A file that could not be read is an `::error` without a file. Unless
// --quiet, a summary ends the output as a plain line, which the log shows as
// it is (never a command: it does not start with `::`).
#include <fmt/format.h>

#include "report/paths.h"
#include "reporters/github_escaping.h"
#include "reporters/positions.h"
#include "reporters/reporter.h"
#include "reporters/summary_counts.h"

namespace emglint::reporters {

namespace {

using report::Severity;

std::string_view command_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "notice";
}

class GithubReporter final : public Reporter {
 public:
  explicit GithubReporter(bool quiet) : quiet_(quiet) {}

  void write(std::ostream& out, const report::Report& report) const override {
    for (const auto& target : report.targets) {
      for (const auto& finding : target.findings) {
        if (finding.suppression) continue;
        const report::SourceFile& file = target.files[finding.file];
        std::string properties = "file=" + escape_github_property(report::normal_path(file.display));
        if (finding.span) {
          const CharacterRegion region = character_region(file, *finding.span);
          properties += fmt::format(",line={}", region.start_line);
          // Columns only within one line, where GitHub draws them.
          const bool one_line = region.end_line == region.start_line;
          if (one_line && region.start_column) properties += fmt::format(",col={}", *region.start_column);
          properties += fmt::format(",endLine={}", region.end_line);
          if (one_line && region.start_column && region.end_column && *region.end_column > *region.start_column) {
            properties += fmt::format(",endColumn={}", *region.end_column);
          }
        }
        properties += ",title=" + escape_github_property(fmt::format("{} {}", finding.rule->id, finding.rule->name));
        out << "::" << command_of(finding.severity) << ' ' << properties
            << "::" << escape_github_message(finding.message) << '\n';
      }
    }
    for (const auto& problem : report.problems) {
      out << "::error title=" << escape_github_property("emglint: not checked")
          << "::" << escape_github_message(problem) << '\n';
    }
    if (quiet_) return;
    const std::string line = summary_counts(report);
    // A plain line must not read as a command: it never starts with `::`.
    out << "emglint: " << line << '\n';
  }

 private:
  bool quiet_;
};

}  // namespace

std::unique_ptr<Reporter> github_reporter(bool quiet) { return std::make_unique<GithubReporter>(quiet); }

}  // namespace emglint::reporters
