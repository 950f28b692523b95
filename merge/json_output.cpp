// The merged JSON report. The hosts' findings and targets are passed on as
// their checks wrote them (and masked them): merge adds the host, nothing else.
#include "merge/outputs.h"

namespace emglint::merge {

namespace {

using nlohmann::ordered_json;

ordered_json summary_object(const Counts& counts) {
  ordered_json summary = ordered_json::object();
  summary["error"] = counts.error;
  summary["warning"] = counts.warning;
  summary["info"] = counts.info;
  summary["fixable"] = counts.fixable;
  if (counts.fixed) summary["fixed"] = *counts.fixed;
  return summary;
}

ordered_json host_entry(const HostReport& host) {
  ordered_json entry = ordered_json::object();
  entry["host"] = host.host;
  entry["status"] = to_string(host.status);
  entry["exit_code"] = host.exit_code ? ordered_json(*host.exit_code) : ordered_json(nullptr);
  if (!host.phase.empty()) entry["phase"] = host.phase;
  entry["summary"] = summary_object(host.summary);
  if (!host.error.empty()) entry["error"] = host.error;
  if (host.expected) entry["expected"] = *host.expected;
  if (host.document.is_object() && host.document.contains("targets")) entry["targets"] = host.document["targets"];
  return entry;
}

}  // namespace

void write_json(std::ostream& out, const Fleet& fleet, std::string_view tool_version) {
  ordered_json hosts = ordered_json::array();
  ordered_json findings = ordered_json::array();
  for (const HostReport& host : fleet.hosts) {
    hosts.push_back(host_entry(host));
    if (!host.document.is_object() || !host.document.contains("findings")) continue;
    for (const ordered_json& finding : host.document["findings"]) {
      ordered_json tagged = ordered_json::object();
      tagged["host"] = host.host;
      for (const auto& [key, value] : finding.items()) tagged[key] = value;
      findings.push_back(std::move(tagged));
    }
  }
  ordered_json merged = ordered_json::object();
  merged["schema_version"] = 1;
  merged["tool"] = {{"name", "emglint"}, {"version", std::string(tool_version)}};
  merged["hosts"] = std::move(hosts);
  merged["findings"] = std::move(findings);
  merged["summary"] = summary_object(fleet.summary);
  // As check's JSON is laid out (reporters/json_writer.h): the same bytes for the same document.
  out << merged.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace emglint::merge
