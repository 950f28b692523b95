#include "reporters/json_reporter.h"

#include <nlohmann/json.hpp>

namespace emglint::reporters {

namespace {

using nlohmann::ordered_json;

ordered_json optional_number(const std::optional<std::int64_t>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json edit_json(const rules::TextEdit& edit) {
  return {{"file", edit.file},
          {"line", edit.span.line},
          {"column", edit.span.column},
          {"end_line", edit.span.end_line},
          {"end_column", edit.span.end_column},
          {"replacement", edit.shown_replacement}};
}

ordered_json action_json(const rules::FsAction& action) {
  ordered_json json{{"kind", rules::to_string(action.kind)}};
  switch (action.kind) {
    case rules::FsAction::Kind::symlink:
      json["path"] = action.path;
      json["target"] = action.target;
      break;
    case rules::FsAction::Kind::copy:
      json["from"] = action.from;
      json["to"] = action.path;
      break;
    case rules::FsAction::Kind::chmod:
      json["path"] = action.path;
      json["mode"] = action.mode;
      break;
  }
  return json;
}

ordered_json fix_json(const std::optional<rules::Fix>& fix) {
  if (!fix) return nullptr;
  ordered_json edits = ordered_json::array();
  for (const auto& edit : fix->edits) edits.push_back(edit_json(edit));
  ordered_json actions = ordered_json::array();
  for (const auto& action : fix->actions) actions.push_back(action_json(action));
  return {{"safety", rules::to_string(fix->safety)},
          {"description", fix->description},
          {"edits", std::move(edits)},
          {"actions", std::move(actions)}};
}

ordered_json target_json(const rules::TargetReport& target) {
  ordered_json phase{{"requested", target.phase.requested ? rules::to_string(*target.phase.requested) : "auto"},
                     {"effective", rules::to_string(target.phase.effective)},
                     {"evidence", target.phase.evidence}};
  ordered_json facts{{"connector_instances", target.facts.connector_instances},
                     {"open_files_needed", optional_number(target.facts.open_files_needed)},
                     {"open_files_limit", optional_number(target.facts.open_files_limit)},
                     {"open_files_source", target.facts.open_files_source.empty()
                                               ? ordered_json(nullptr)
                                               : ordered_json(target.facts.open_files_source)}};
  return {{"path", target.path},
          {"kind", rules::to_string(target.kind)},
          {"phase", std::move(phase)},
          {"facts", std::move(facts)}};
}

ordered_json finding_json(const rules::Report& report, const rules::ReportedFinding& reported) {
  const auto& finding = reported.finding;
  const auto& target = report.targets[reported.target];
  const auto position = [&](std::size_t rules::Span::*member) {
    return finding.span ? ordered_json((*finding.span).*member) : ordered_json(nullptr);
  };
  return {{"rule", finding.rule->id},
          {"name", finding.rule->name},
          {"severity", rules::to_string(finding.severity)},
          {"phase", rules::to_string(target.phase.effective)},
          {"target", target.path},
          {"file", finding.file},
          {"line", position(&rules::Span::line)},
          {"column", position(&rules::Span::column)},
          {"end_line", position(&rules::Span::end_line)},
          {"end_column", position(&rules::Span::end_column)},
          {"message", finding.message},
          {"fix", fix_json(finding.fix)}};
}

}  // namespace

void write_json(std::ostream& out, const rules::Report& report, std::string_view tool_version) {
  ordered_json targets = ordered_json::array();
  for (const auto& target : report.targets) targets.push_back(target_json(target));
  ordered_json findings = ordered_json::array();
  std::size_t counts[3] = {0, 0, 0};
  std::size_t fixable = 0;
  for (const auto& reported : report.findings) {
    findings.push_back(finding_json(report, reported));
    ++counts[static_cast<std::size_t>(reported.finding.severity)];
    if (reported.finding.fix) ++fixable;
  }
  const ordered_json document{
      {"schema_version", 1},
      {"tool", {{"name", "emglint"}, {"version", tool_version}}},
      {"targets", std::move(targets)},
      {"findings", std::move(findings)},
      {"summary", {{"error", counts[2]}, {"warning", counts[1]}, {"info", counts[0]}, {"fixable", fixable}}},
  };
  // Config files may hold Latin-1 bytes; JSON must stay valid UTF-8.
  out << document.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace emglint::reporters
