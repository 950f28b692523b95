// SARIF 2.1.0 as contract.md describes it, written as it goes with the JSON
// writer: the same report gives the same bytes (no time stamps, no GUIDs).
//
// Where a result points:
// - a config target's files by their path relative to the PATH the user gave
//   (a config repository; a lone config file: the working directory), under
//   the base `%SRCROOT%`, which a consumer such as code scanning resolves to
//   its checkout;
// - an installation's files relative to the installation, under `INSTALLROOT`
//   (`INSTALLROOT2`, ... for further installations in one run), declared in
//   `originalUriBaseIds` as the installation's absolute `file://` URI;
// - files outside both (`/etc/rc.local`) by absolute `file://` URIs.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "report/fnv1a.h"
#include "report/paths.h"
#include "reporters/json_writer.h"
#include "reporters/positions.h"
#include "reporters/reporter.h"
#include "reporters/sarif_parts.h"

namespace emglint::reporters {

namespace {

using report::Finding;
using report::SourceFile;
using report::TargetReport;

constexpr std::string_view schema_uri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view source_root = "%SRCROOT%";
// A longer source line is left out of the log rather than bloating it.
constexpr std::size_t max_snippet_bytes = 1000;

std::string_view level_of(report::Severity severity) {
  switch (severity) {
    case report::Severity::error: return "error";
    case report::Severity::warning: return "warning";
    case report::Severity::info: return "note";
  }
  return "none";
}

struct ArtifactLocation {
  std::string uri;
  std::string base;  // empty: `uri` is absolute
  std::string key;   // what fingerprints hash: stable for the same command line
};

// The page's "What it does" section as one paragraph, else the summary.
std::string full_description(const RuleDocument& rule) {
  constexpr std::string_view heading = "## What it does\n";
  const auto start = rule.page.find(heading);
  if (start == std::string_view::npos) return sarif_sentence(rule.info->summary);
  std::string_view section = rule.page.substr(start + heading.size());
  section = section.substr(0, section.find("\n## "));
  std::string text;
  for (const char c : section) {
    if (c == '\n') {
      if (!text.empty() && text.back() != ' ') text += ' ';
    } else {
      text += c;
    }
  }
  return sarif_sentence(text);
}

class SarifWriter {
 public:
  SarifWriter(std::ostream& out, const SarifOptions& options, const report::Report& report)
      : json_(out), options_(options), report_(report) {
    for (std::size_t i = 0; i < options_.rules.size(); ++i) rule_index_.emplace(options_.rules[i].info->id, i);
    std::size_t installations = 0;
    for (const TargetReport& target : report_.targets) {
      std::string base;
      if (target.kind == report::TargetKind::installation && !target.real_path.empty()) {
        base = ++installations == 1 ? "INSTALLROOT" : "INSTALLROOT" + std::to_string(installations);
      }
      bases_.push_back(std::move(base));
    }
  }

  void write() {
    json_.begin_object();
    json_.key("$schema");
    json_.value(schema_uri);
    json_.key("version");
    json_.value("2.1.0");
    json_.key("runs");
    json_.begin_array();
    json_.begin_object();
    write_tool();
    write_invocation();
    write_base_ids();
    json_.key("automationDetails");
    json_.begin_object();
    json_.key("id");
    // The category a dashboard files the run under: stable across runs of one
    // command line, so the phase asked for, not the one detected.
    json_.value("emglint/" + std::string(report_.requested ? report::to_string(*report_.requested) : "auto") + "/");
    json_.end_object();
    json_.key("columnKind");
    json_.value("unicodeCodePoints");
    json_.key("results");
    json_.begin_array();
    for (std::size_t target = 0; target < report_.targets.size(); ++target) {
      for (const Finding& finding : report_.targets[target].findings) write_result(target, finding);
    }
    json_.end_array();
    write_targets();
    json_.end_object();
    json_.end_array();
    json_.end_object();
  }

 private:
  void text_object(std::string_view key, std::string_view text) {
    json_.key(key);
    json_.begin_object();
    json_.key("text");
    json_.value(text);
    json_.end_object();
  }

  void write_tool() {
    json_.key("tool");
    json_.begin_object();
    json_.key("driver");
    json_.begin_object();
    json_.key("name");
    json_.value("emglint");
    json_.key("version");
    json_.value(options_.tool_version);
    json_.key("semanticVersion");
    json_.value(options_.tool_version);
    json_.key("informationUri");
    json_.value(options_.information_uri);
    json_.key("rules");
    json_.begin_array();
    for (const RuleDocument& rule : options_.rules) write_rule(rule);
    json_.end_array();
    json_.end_object();
    json_.end_object();
  }

  void write_rule(const RuleDocument& rule) {
    const report::RuleInfo& info = *rule.info;
    json_.begin_object();
    json_.key("id");
    json_.value(info.id);
    json_.key("name");
    json_.value(info.name);
    text_object("shortDescription", sarif_sentence(info.summary));
    text_object("fullDescription", full_description(rule));
    json_.key("help");
    json_.begin_object();
    json_.key("text");
    json_.value(rule.page.empty() ? sarif_sentence(info.summary) : std::string(rule.page));
    json_.key("markdown");
    json_.value(rule.page.empty() ? sarif_sentence(info.summary) : std::string(rule.page));
    json_.end_object();
    json_.key("helpUri");
    std::string help_uri(options_.information_uri);
    if (!help_uri.ends_with('/')) help_uri += '/';
    json_.value(help_uri + "rules/" + std::string(info.id));
    json_.key("defaultConfiguration");
    json_.begin_object();
    json_.key("level");
    json_.value(level_of(info.severity));
    json_.end_object();
    json_.key("properties");
    json_.begin_object();
    json_.key("tags");
    json_.begin_array();
    for (report::Phase phase : report::all_phases_in_order) {
      if (info.phases.contains(phase)) json_.value("phase:" + std::string(report::to_string(phase)));
    }
    json_.value("fix:" + std::string(report::to_string(info.fix)));
    json_.end_array();
    json_.end_object();
    json_.end_object();
  }

  void write_invocation() {
    json_.key("invocations");
    json_.begin_array();
    json_.begin_object();
    json_.key("executionSuccessful");
    // Findings are a successful run; exit code 2 is trouble (contract.md, "Exit codes").
    json_.value(report_.exit_code == 0 || report_.exit_code == 1);
    json_.key("exitCode");
    json_.value(report_.exit_code);
    if (!report_.host.empty()) {
      json_.key("machine");
      json_.value(report_.host);
    }
    if (!report_.problems.empty()) {
      json_.key("toolExecutionNotifications");
      json_.begin_array();
      for (const std::string& problem : report_.problems) {
        json_.begin_object();
        json_.key("level");
        json_.value("error");
        text_object("message", sarif_sentence(problem));
        json_.end_object();
      }
      json_.end_array();
    }
    bool skipped = false;
    for (const TargetReport& target : report_.targets) skipped = skipped || !target.skipped.empty();
    if (skipped) {
      // A check that did not run is not a check that found nothing.
      json_.key("toolConfigurationNotifications");
      json_.begin_array();
      for (const TargetReport& target : report_.targets) {
        for (const report::SkippedCheck& check : target.skipped) {
          json_.begin_object();
          json_.key("level");
          json_.value("note");
          text_object("message", sarif_sentence(target.path + ": " + report::skipped_name(check) +
                                                " did not run: " + check.reason));
          if (const auto found = rule_index_.find(check.rule); found != rule_index_.end()) {
            json_.key("associatedRule");
            json_.begin_object();
            json_.key("id");
            json_.value(check.rule);
            json_.key("index");
            json_.value(found->second);
            json_.end_object();
          }
          json_.end_object();
        }
      }
      json_.end_array();
    }
    json_.end_object();
    json_.end_array();
  }

  void write_base_ids() {
    if (std::all_of(bases_.begin(), bases_.end(), [](const std::string& base) { return base.empty(); })) return;
    json_.key("originalUriBaseIds");
    json_.begin_object();
    for (std::size_t target = 0; target < bases_.size(); ++target) {
      if (bases_[target].empty()) continue;
      json_.key(bases_[target]);
      json_.begin_object();
      json_.key("uri");
      json_.value(report::file_uri(report_.targets[target].real_path, true));
      json_.end_object();
    }
    json_.end_object();
  }

  [[nodiscard]] ArtifactLocation location_of(std::size_t target_index, const SourceFile& file) const {
    const TargetReport& target = report_.targets[target_index];
    const std::string& base = bases_[target_index];
    // A config target's files lie under the PATH given, whether it was spelled absolute or not.
    if (base.empty()) {
      if (auto relative = report::relative_below(file.in_root)) {
        return {report::percent_encoded(*relative), std::string(source_root), *relative};
      }
    }
    if (file.in_target.starts_with('/')) return {report::file_uri(file.in_target), {}, report::file_uri(file.in_target)};
    if (!base.empty()) {
      const std::string key = target.path + "//" + file.in_target;
      if (auto relative = report::relative_below(file.in_target)) return {report::percent_encoded(*relative), base, key};
      return {report::file_uri(target.real_path + "/" + file.in_target), {}, key};
    }
    if (auto relative = report::relative_below(file.in_root)) {
      return {report::percent_encoded(*relative), std::string(source_root), *relative};
    }
    if (file.in_root.starts_with('/')) return {report::file_uri(file.in_root), {}, report::file_uri(file.in_root)};
    // A lone config named from above the working directory (`../site1/server.cfg`).
    if (!file.real_path.empty()) return {report::file_uri(file.real_path), {}, report::file_uri(file.real_path)};
    std::string below = report::normal_path(file.in_root);
    while (below.starts_with("../")) below.erase(0, 3);
    return {report::percent_encoded(below), std::string(source_root), file.in_root};
  }

  void write_artifact_location(const ArtifactLocation& location) {
    json_.key("artifactLocation");
    json_.begin_object();
    json_.key("uri");
    json_.value(location.uri);
    if (!location.base.empty()) {
      json_.key("uriBaseId");
      json_.value(location.base);
    }
    json_.end_object();
  }

  // `snippet`: the region's text, when the region is a whole line.
  void write_region(const SourceFile& file, const report::Span& span, std::string_view snippet = {}) {
    const CharacterRegion region = character_region(file, span);
    json_.begin_object();
    json_.key("startLine");
    json_.value(region.start_line);
    if (region.start_column) {
      json_.key("startColumn");
      json_.value(*region.start_column);
    }
    json_.key("endLine");
    json_.value(region.end_line);
    if (region.end_column) {
      json_.key("endColumn");
      json_.value(*region.end_column);
    }
    if (!snippet.empty()) {
      json_.key("snippet");
      json_.begin_object();
      json_.key("text");
      json_.value(snippet);
      json_.end_object();
    }
    json_.end_object();
  }

  void write_location(std::size_t target, const Finding& finding) {
    const SourceFile& file = report_.targets[target].files[finding.file];
    json_.key("locations");
    json_.begin_array();
    json_.begin_object();
    json_.key("physicalLocation");
    json_.begin_object();
    write_artifact_location(location_of(target, file));
    json_.key("region");
    if (!finding.span) {
      // A finding about a whole file (a binary, a link): its first line.
      json_.begin_object();
      json_.key("startLine");
      json_.value(1);
      json_.end_object();
    } else if (!shows_line(finding)) {
      write_region(file, *finding.span);
    } else if (whole_line(file, character_region(file, *finding.span))) {
      write_region(file, *finding.span, finding.source_line);
    } else {
      write_region(file, *finding.span);
      // The line around the region, as every report masks it, for a reader without the file.
      json_.key("contextRegion");
      json_.begin_object();
      json_.key("startLine");
      json_.value(character_region(file, *finding.span).start_line);
      json_.key("snippet");
      json_.begin_object();
      json_.key("text");
      json_.value(finding.source_line);
      json_.end_object();
      json_.end_object();
    }
    json_.end_object();
    json_.end_object();
    json_.end_array();
  }

  // Whether the finding's masked source line can go into the log: one line, not too long.
  [[nodiscard]] static bool shows_line(const Finding& finding) {
    return finding.span && finding.span->end_line <= finding.span->line && !finding.source_line.empty() &&
           finding.source_line.size() <= max_snippet_bytes;
  }

  // A region from the start to the end of one line, which a context region
  // cannot be larger than: SARIF then wants no context region.
  [[nodiscard]] static bool whole_line(const SourceFile& file, const CharacterRegion& region) {
    if (region.end_line != region.start_line || region.start_column != 1) return false;
    if (!region.end_column) return true;
    return file.has_text && *region.end_column > utf8_code_points(file.line_text(region.start_line));
  }

  void write_fix(std::size_t target_index, const report::Fix& fix) {
    const TargetReport& target = report_.targets[target_index];
    json_.begin_object();
    std::string description = sarif_sentence(fix.description);
    // As with --diff: what is shown is for reading; `emglint check --fix` writes the real password.
    if (fix.masked()) {
      std::string note = sarif_sentence(report::masked_fix_note);
      note.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(note.front())));
      description += " " + note;
    }
    text_object("description", description);
    json_.key("artifactChanges");
    json_.begin_array();
    // Edits are sorted by file, then offset: one change per file, in order.
    for (std::size_t first = 0; first < fix.edits.size();) {
      std::size_t end = first;
      while (end < fix.edits.size() && fix.edits[end].file == fix.edits[first].file) ++end;
      const SourceFile& file = target.files[fix.edits[first].file];
      json_.begin_object();
      write_artifact_location(location_of(target_index, file));
      json_.key("replacements");
      json_.begin_array();
      for (std::size_t edit = first; edit < end; ++edit) {
        json_.begin_object();
        json_.key("deletedRegion");
        write_region(file, fix.edits[edit].span);
        if (!fix.edits[edit].shown_replacement.empty()) {
          json_.key("insertedContent");
          json_.begin_object();
          json_.key("text");
          json_.value(fix.edits[edit].shown_replacement);
          json_.end_object();
        }
        json_.end_object();
      }
      json_.end_array();
      json_.end_object();
      first = end;
    }
    json_.end_array();
    json_.key("properties");
    json_.begin_object();
    json_.key("safety");
    json_.value(report::to_string(fix.applicability));
    if (!fix.applicable) {
      json_.key("applicable");
      json_.value(false);
      json_.key("note");
      json_.value(fix.note);
    }
    json_.end_object();
    json_.end_object();
  }

  void write_suppression(const report::Suppression& suppression) {
    json_.key("suppressions");
    json_.begin_array();
    json_.begin_object();
    json_.key("kind");
    json_.value(suppression.kind == report::Suppression::Kind::inline_comment ? "inSource" : "external");
    json_.key("status");
    json_.value("accepted");
    if (!suppression.reason.empty()) {
      json_.key("justification");
      json_.value(suppression.reason);
    }
    if (!suppression.expires.empty()) {
      json_.key("properties");
      json_.begin_object();
      json_.key("expires");
      json_.value(suppression.expires);
      json_.end_object();
    }
    json_.end_object();
    json_.end_array();
  }

  void write_result(std::size_t target_index, const Finding& finding) {
    const TargetReport& target = report_.targets[target_index];
    json_.begin_object();
    json_.key("ruleId");
    json_.value(finding.rule->id);
    if (const auto found = rule_index_.find(finding.rule->id); found != rule_index_.end()) {
      json_.key("ruleIndex");
      json_.value(found->second);
    }
    json_.key("level");
    json_.value(level_of(finding.severity));
    text_object("message", sarif_sentence(finding.message));
    write_location(target_index, finding);
    json_.key("partialFingerprints");
    json_.begin_object();
    json_.key(sarif_fingerprint_name);
    json_.value(sarif_fingerprint(
        {finding.rule->id, location_of(target_index, target.files[finding.file]).key, finding.object}));
    json_.end_object();
    if (finding.fix && !finding.fix->edits.empty()) {
      json_.key("fixes");
      json_.begin_array();
      write_fix(target_index, *finding.fix);
      json_.end_array();
    }
    if (finding.suppression) write_suppression(*finding.suppression);
    json_.key("properties");
    json_.begin_object();
    json_.key("object");
    json_.value(finding.object);
    json_.key("target");
    json_.value(target.path);
    json_.key("phase");
    json_.value(report::to_string(target.phase.effective));
    json_.end_object();
    json_.end_object();
  }

  // Each target with its phase and why, as the JSON report has them.
  void write_targets() {
    json_.key("properties");
    json_.begin_object();
    json_.key("targets");
    json_.begin_array();
    for (const TargetReport& target : report_.targets) {
      json_.begin_object();
      json_.key("path");
      json_.value(target.path);
      json_.key("kind");
      json_.value(report::to_string(target.kind));
      json_.key("phase");
      json_.value(report::to_string(target.phase.effective));
      json_.key("certain");
      json_.value(target.phase.certain);
      json_.key("evidence");
      json_.begin_array();
      for (const auto& item : target.phase.evidence) json_.value(item);
      json_.end_array();
      json_.end_object();
    }
    json_.end_array();
    json_.end_object();
  }

  JsonWriter json_;
  const SarifOptions& options_;
  const report::Report& report_;
  std::map<std::string_view, std::size_t> rule_index_;
  std::vector<std::string> bases_;  // per target: its base id, empty for none
};

class SarifReporter final : public Reporter {
 public:
  explicit SarifReporter(SarifOptions options) : options_(std::move(options)) {}

  void write(std::ostream& out, const report::Report& report) const override {
    SarifWriter(out, options_, report).write();
    out << '\n';
  }

 private:
  SarifOptions options_;
};

}  // namespace

std::string sarif_sentence(std::string_view text) {
  std::string result(text);
  while (!result.empty() && (result.back() == ' ' || result.back() == '\n')) result.pop_back();
  if (!result.ends_with('.')) result += '.';
  return result;
}

std::string sarif_fingerprint(std::initializer_list<std::string_view> parts) {
  std::uint64_t hash = report::fnv1a_seed;
  for (const std::string_view text : parts) {
    hash = report::fnv1a(text, hash);
    hash = report::fnv1a("\xff", hash);  // a separator no UTF-8 text holds
  }
  return report::hex64(hash);
}

std::unique_ptr<Reporter> sarif_reporter(SarifOptions options) {
  return std::make_unique<SarifReporter>(std::move(options));
}

}  // namespace emglint::reporters
