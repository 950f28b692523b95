#include <optional>
#include <string>

#include "reporters/json_writer.h"
#include "reporters/reporter.h"

namespace emglint::reporters {

namespace {

using report::Finding;
using report::TargetReport;

void optional_number(JsonWriter& json, const std::optional<std::int64_t>& value) {
  if (value) {
    json.value(*value);
  } else {
    json.null();
  }
}

void position(JsonWriter& json, const report::Span& span) {
  json.key("line");
  json.value(span.line);
  json.key("column");
  json.value(span.column);
  json.key("end_line");
  json.value(span.end_line);
  json.key("end_column");
  json.value(span.end_column);
}

void write_edit(JsonWriter& json, const TargetReport& target, const report::TextEdit& edit) {
  json.begin_object();
  json.key("file");
  json.value(target.files[edit.file].in_target);
  position(json, edit.span);
  json.key("replacement");
  json.value(edit.shown_replacement);
  json.end_object();
}

void write_action(JsonWriter& json, const report::FsAction& action) {
  json.begin_object();
  json.key("kind");
  json.value(report::to_string(action.kind));
  switch (action.kind) {
    case report::FsAction::Kind::symlink:
      json.key("path");
      json.value(action.path);
      json.key("target");
      json.value(action.target);
      break;
    case report::FsAction::Kind::copy:
      json.key("from");
      json.value(action.from);
      json.key("to");
      json.value(action.path);
      break;
    case report::FsAction::Kind::chmod:
      json.key("path");
      json.value(action.path);
      json.key("mode");
      json.value(action.mode);
      break;
    case report::FsAction::Kind::keep:
      json.key("path");
      json.value(action.from);
      json.key("as");
      json.value(action.path);
      break;
  }
  json.end_object();
}

void write_fix(JsonWriter& json, const TargetReport& target, const std::optional<report::Fix>& fix) {
  if (!fix) {
    json.null();
    return;
  }
  json.begin_object();
  json.key("safety");
  json.value(report::to_string(fix->applicability));
  json.key("description");
  json.value(fix->description);
  json.key("edits");
  json.begin_array();
  for (const auto& edit : fix->edits) write_edit(json, target, edit);
  json.end_array();
  json.key("actions");
  json.begin_array();
  for (const auto& action : fix->actions) write_action(json, action);
  json.end_array();
  if (!fix->applicable) {
    json.key("applicable");
    json.value(false);
  }
  // A consumer that applies the edits as they stand would write `***` as the
  // password; `masked` tells it not to, whatever `applicable` says of overlaps.
  const bool masked = fix->masked();
  if (masked) {
    json.key("masked");
    json.value(true);
  }
  std::string note = fix->note;
  if (masked) note += (note.empty() ? "" : "; ") + std::string(report::masked_fix_note);
  if (!note.empty()) {
    json.key("note");
    json.value(note);
  }
  json.end_object();
}

void write_suppression(JsonWriter& json, const std::optional<report::Suppression>& suppression) {
  if (!suppression) {
    json.null();
    return;
  }
  json.begin_object();
  json.key("kind");
  json.value(suppression->kind == report::Suppression::Kind::inline_comment ? "inline" : "baseline");
  json.key("reason");
  json.value(suppression->reason);
  json.key("expires");
  if (suppression->expires.empty()) {
    json.null();
  } else {
    json.value(suppression->expires);
  }
  json.end_object();
}

void write_target(JsonWriter& json, const TargetReport& target, bool fixing) {
  json.begin_object();
  json.key("path");
  json.value(target.path);
  json.key("kind");
  json.value(report::to_string(target.kind));
  json.key("phase");
  json.begin_object();
  json.key("requested");
  json.value(target.phase.requested ? report::to_string(*target.phase.requested) : "auto");
  json.key("effective");
  json.value(report::to_string(target.phase.effective));
  json.key("evidence");
  json.begin_array();
  for (const auto& item : target.phase.evidence) json.value(item);
  json.end_array();
  json.key("certain");
  json.value(target.phase.certain);
  json.key("evidence_against");
  json.begin_array();
  for (const auto& item : target.phase.evidence_against) json.value(item);
  json.end_array();
  json.key("alternatives");
  json.begin_array();
  for (const auto& reading : target.phase.alternatives) {
    json.begin_object();
    json.key("phase");
    json.value(report::to_string(reading.phase));
    json.key("evidence");
    json.begin_array();
    for (const auto& item : reading.evidence) json.value(item);
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
  json.key("skipped");
  json.begin_array();
  for (const auto& check : target.skipped) {
    json.begin_object();
    json.key("rule");
    json.value(check.rule);
    json.key("part");
    json.value(report::to_string(check.part));
    json.key("reason");
    json.value(check.reason);
    json.end_object();
  }
  json.end_array();
  json.key("facts");
  json.begin_object();
  json.key("connector_instances");
  json.value(target.facts.connector_instances);
  json.key("open_files_needed");
  optional_number(json, target.facts.open_files_needed);
  json.key("open_files_limit");
  optional_number(json, target.facts.open_files_limit);
  json.key("open_files_source");
  if (target.facts.open_files_source.empty()) {
    json.null();
  } else {
    json.value(target.facts.open_files_source);
  }
  json.key("open_files_sources");
  json.begin_array();
  for (const auto& source : target.facts.open_files_sources) {
    json.begin_object();
    json.key("source");
    json.value(source.source);
    json.key("limit");
    json.value(source.limit);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  if (fixing) {
    json.key("fixed");
    json.begin_array();
    for (const auto& fixed : target.fixed) {
      json.begin_object();
      json.key("rule");
      json.value(fixed.rule);
      json.key("file");
      json.value(fixed.file);
      json.key("object");
      json.value(fixed.object);
      json.key("description");
      json.value(fixed.description);
      json.end_object();
    }
    json.end_array();
    json.key("not_fixed");
    json.begin_array();
    for (const auto& reason : target.not_fixed) json.value(reason);
    json.end_array();
    json.key("backups");
    json.begin_array();
    for (const auto& backup : target.backups) json.value(backup);
    json.end_array();
  }
  json.end_object();
}

void write_finding(JsonWriter& json, const TargetReport& target, const Finding& finding) {
  json.begin_object();
  json.key("rule");
  json.value(finding.rule->id);
  json.key("name");
  json.value(finding.rule->name);
  json.key("severity");
  json.value(report::to_string(finding.severity));
  json.key("phase");
  json.value(report::to_string(target.phase.effective));
  json.key("target");
  json.value(target.path);
  json.key("file");
  json.value(target.files[finding.file].in_target);
  if (finding.span) {
    position(json, *finding.span);
  } else {
    for (const char* key : {"line", "column", "end_line", "end_column"}) {
      json.key(key);
      json.null();
    }
  }
  json.key("message");
  json.value(finding.message);
  json.key("object");
  json.value(finding.object);
  json.key("fix");
  write_fix(json, target, finding.fix);
  json.key("suppression");
  write_suppression(json, finding.suppression);
  json.end_object();
}

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(std::string_view tool_version) : tool_version_(tool_version) {}

  void write(std::ostream& out, const report::Report& report) const override {
    JsonWriter json(out);
    json.begin_object();
    json.key("schema_version");
    json.value(1);
    json.key("tool");
    json.begin_object();
    json.key("name");
    json.value("emglint");
    json.key("version");
    json.value(tool_version_);
    json.end_object();
    if (!report.host.empty()) {
      // A report for `emglint merge` also says how its run ended, which
      // otherwise only the exit code and standard error tell.
      json.key("host");
      json.value(report.host);
      json.key("exit_code");
      json.value(report.exit_code);
      json.key("problems");
      json.begin_array();
      for (const auto& problem : report.problems) json.value(problem);
      json.end_array();
    }
    json.key("targets");
    json.begin_array();
    for (const auto& target : report.targets) write_target(json, target, report.fixing);
    json.end_array();
    json.key("findings");
    json.begin_array();
    for (const auto& target : report.targets) {
      for (const auto& finding : target.findings) write_finding(json, target, finding);
    }
    json.end_array();
    json.key("summary");
    json.begin_object();
    json.key("error");
    json.value(report.summary.count(report::Severity::error));
    json.key("warning");
    json.value(report.summary.count(report::Severity::warning));
    json.key("info");
    json.value(report.summary.count(report::Severity::info));
    json.key("fixable");
    json.value(report.summary.fixable());
    if (report.fixing) {
      json.key("fixed");
      json.value(report.summary.fixed);
    }
    json.end_object();
    json.end_object();
    out << '\n';
  }

 private:
  std::string tool_version_;
};

}  // namespace

std::unique_ptr<Reporter> json_reporter(std::string_view tool_version) {
  return std::make_unique<JsonReporter>(tool_version);
}

}  // namespace emglint::reporters
