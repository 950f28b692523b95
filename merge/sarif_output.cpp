// The merged SARIF log. Microsoft's Multitool `merge` folds all hosts into one
// run and loses them (the first host's base IDs, results alike across hosts
// dropped, the catalog pruned); this keeps each host apart within one run:
// - one invocation per host, with `machine`, its exit code and notifications,
//   and an unsuccessful one saying why for a host without a usable log;
// - each result with `properties.host`, its base IDs qualified by the host
//   (`INSTALLROOT@gw001`, `%SRCROOT%@gw001`), each declared in
//   `originalUriBaseIds` as the host declared it, and beside `emglint/v1`
//   (the same for identical installations) an `emglint-host/v1` of the host;
// - the driver of the first host's log, with the union of every log's rules.
// With one run per host, each host's run stays as it was but for the host's
// invocation, its results' host and its category `emglint/PHASE/HOST/`.
#include <map>
#include <set>

#include "merge/outputs.h"
#include "reporters/sarif_parts.h"

namespace emglint::merge {

namespace {

using nlohmann::ordered_json;

constexpr std::string_view schema_uri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view host_fingerprint_name = "emglint-host/v1";
// The category of the fleet's one run: the same whatever phase each host is in.
constexpr std::string_view fleet_category = "emglint/fleet/";

bool has_log(const HostReport& host) { return host.format == Format::sarif && host.document.is_object(); }

const ordered_json& run_of(const HostReport& host) { return host.document["runs"][0]; }

// The first host's driver (by name), which the fleet's run describes itself
// with; without any log, this emglint with no rule.
ordered_json first_driver(const Fleet& fleet, const SarifOutput& output) {
  for (const HostReport& host : fleet.hosts) {
    if (has_log(host)) return run_of(host)["tool"]["driver"];
  }
  return {{"name", "emglint"},
          {"version", output.tool_version},
          {"semanticVersion", output.tool_version},
          {"informationUri", output.information_uri},
          {"rules", ordered_json::array()}};
}

// The phase the first host's check was asked for, for the category of a host
// that sent no log.
std::string first_requested_phase(const Fleet& fleet) {
  for (const HostReport& host : fleet.hosts) {
    if (has_log(host) && !host.requested_phase.empty()) return host.requested_phase;
  }
  return "auto";
}

ordered_json notification(std::string_view level, std::string_view text) {
  return {{"level", level}, {"message", {{"text", reporters::sarif_sentence(text)}}}};
}

// `object` with `key` set to `value` right after `after` (or at the end), an
// existing `key` moved there.
ordered_json with_member_after(const ordered_json& object, std::string_view after, std::string_view key,
                               ordered_json value) {
  ordered_json result = ordered_json::object();
  bool placed = false;
  for (const auto& [name, member] : object.items()) {
    if (name == key) continue;
    result[name] = member;
    if (name == after) {
      result[std::string(key)] = value;
      placed = true;
    }
  }
  if (!placed) result[std::string(key)] = std::move(value);
  return result;
}

// Rule indices of the fleet's catalog, by rule ID: null for a run per host, whose indices stand.
using RuleIndex = std::map<std::string, std::size_t>;

void reindex_rules(ordered_json& invocation, const RuleIndex* rule_index) {
  if (rule_index == nullptr || !invocation.contains("toolConfigurationNotifications")) return;
  for (ordered_json& note : invocation["toolConfigurationNotifications"]) {
    if (!note.contains("associatedRule") || !note["associatedRule"].contains("id")) continue;
    ordered_json& rule = note["associatedRule"];
    if (const auto found = rule_index->find(rule["id"].get<std::string>()); found != rule_index->end()) {
      rule["index"] = found->second;
    }
  }
}

ordered_json invocation_of(const HostReport& host, const RuleIndex* rule_index) {
  ordered_json invocation = ordered_json::object();
  if (has_log(host)) {
    const ordered_json& run = run_of(host);
    if (run.contains("invocations") && !run["invocations"].empty()) invocation = run["invocations"][0];
    invocation = with_member_after(invocation, "exitCode", "machine", host.host);
    reindex_rules(invocation, rule_index);
  } else {
    invocation["executionSuccessful"] = false;
    if (host.exit_code) invocation["exitCode"] = *host.exit_code;
    invocation["machine"] = host.host;
    const std::string why = host.status == HostStatus::missing ? host.host + " " + host.error : host.error;
    invocation["toolExecutionNotifications"] = ordered_json::array({notification("error", why)});
  }
  if (host.expected == false) {
    ordered_json& notes = invocation["toolExecutionNotifications"];
    if (!notes.is_array()) notes = ordered_json::array();
    notes.push_back(notification("note", host.host + " is not among the expected hosts (--expect-hosts)"));
  }
  return invocation;
}

// The host in a result: `properties.host` first, and a fingerprint of the host
// and the result's own beside it.
void tag_result(ordered_json& result, const std::string& host) {
  if (result.contains("partialFingerprints") &&
      result["partialFingerprints"].contains(reporters::sarif_fingerprint_name)) {
    ordered_json& fingerprints = result["partialFingerprints"];
    const std::string installation = fingerprints[reporters::sarif_fingerprint_name].get<std::string>();
    fingerprints[std::string(host_fingerprint_name)] = reporters::sarif_fingerprint({host, installation});
  }
  ordered_json properties = {{"host", host}};
  if (result.contains("properties")) {
    for (const auto& [key, value] : result["properties"].items()) {
      if (key != "host") properties[key] = value;
    }
  }
  result["properties"] = std::move(properties);
}

// Every `uriBaseId` below `value` qualified by the host; each base found is added to `used`.
void qualify_bases(ordered_json& value, const std::string& host, std::set<std::string>& used) {
  if (value.is_array()) {
    for (ordered_json& item : value) qualify_bases(item, host, used);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, member] : value.items()) {
    if (key == "uriBaseId" && member.is_string()) {
      used.insert(member.get<std::string>());
      member = member.get<std::string>() + "@" + host;
    } else {
      qualify_bases(member, host, used);
    }
  }
}

// The fleet's rules: the first log's, then those only later logs know, sorted by ID.
ordered_json rule_union(const Fleet& fleet, RuleIndex& index) {
  std::map<std::string, ordered_json> rules;
  for (const HostReport& host : fleet.hosts) {
    if (!has_log(host)) continue;
    for (const ordered_json& rule : run_of(host)["tool"]["driver"]["rules"]) {
      if (rule.is_object() && rule.contains("id") && rule["id"].is_string())
        rules.emplace(rule["id"].get<std::string>(), rule);
    }
  }
  ordered_json catalog = ordered_json::array();
  for (auto& [id, rule] : rules) {
    index.emplace(id, catalog.size());
    catalog.push_back(std::move(rule));
  }
  return catalog;
}

ordered_json fleet_run(const Fleet& fleet, const SarifOutput& output) {
  RuleIndex rule_index;
  ordered_json driver = first_driver(fleet, output);
  driver["rules"] = rule_union(fleet, rule_index);

  ordered_json invocations = ordered_json::array();
  ordered_json results = ordered_json::array();
  ordered_json hosts = ordered_json::array();
  ordered_json targets = ordered_json::array();
  std::map<std::string, ordered_json> bases;  // by qualified ID
  for (const HostReport& host : fleet.hosts) {
    invocations.push_back(invocation_of(host, &rule_index));
    hosts.push_back(host.host);
    if (!has_log(host)) continue;
    const ordered_json& run = run_of(host);
    std::set<std::string> used;
    for (ordered_json result : run["results"]) {
      qualify_bases(result, host.host, used);
      if (result.contains("ruleIndex")) {
        if (const auto found = rule_index.find(result["ruleId"].get<std::string>()); found != rule_index.end()) {
          result["ruleIndex"] = found->second;
        }
      }
      tag_result(result, host.host);
      results.push_back(std::move(result));
    }
    if (run.contains("originalUriBaseIds") && run["originalUriBaseIds"].is_object()) {
      for (const auto& [base, declaration] : run["originalUriBaseIds"].items()) {
        ordered_json copy = declaration;
        qualify_bases(copy, host.host, used);
        bases[base + "@" + host.host] = std::move(copy);
      }
    }
    // A base the host used without declaring it (`%SRCROOT%`, the checkout a
    // consumer places) is declared all the same, saying whose it is.
    for (const std::string& base : used) {
      bases.try_emplace(
          base + "@" + host.host,
          ordered_json{{"description", {{"text", reporters::sarif_sentence(base + " of host " + host.host)}}}});
    }
    if (run.contains("properties") && run["properties"].contains("targets")) {
      for (const ordered_json& target : run["properties"]["targets"]) {
        ordered_json tagged = {{"host", host.host}};
        for (const auto& [key, value] : target.items()) tagged[key] = value;
        targets.push_back(std::move(tagged));
      }
    }
  }

  ordered_json run = ordered_json::object();
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = std::move(invocations);
  if (!bases.empty()) {
    ordered_json declared = ordered_json::object();
    for (auto& [base, declaration] : bases) declared[base] = std::move(declaration);
    run["originalUriBaseIds"] = std::move(declared);
  }
  run["automationDetails"] = {{"id", fleet_category}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  run["properties"] = {{"hosts", std::move(hosts)}, {"targets", std::move(targets)}};
  return run;
}

// One host's run: its own log's, or an empty one saying why there is none.
ordered_json host_run(const HostReport& host, const ordered_json& driver, const std::string& fallback_phase) {
  ordered_json run = ordered_json::object();
  if (has_log(host)) {
    run = run_of(host);
  } else {
    run["tool"] = {{"driver", driver}};
    run["invocations"] = ordered_json::array();
    run["automationDetails"] = ordered_json::object();
    run["columnKind"] = "unicodeCodePoints";
    run["results"] = ordered_json::array();
  }
  ordered_json invocation = invocation_of(host, nullptr);
  if (run["invocations"].empty()) {
    run["invocations"].push_back(std::move(invocation));
  } else {
    run["invocations"][0] = std::move(invocation);
  }
  const std::string phase = host.requested_phase.empty() ? fallback_phase : host.requested_phase;
  run["automationDetails"]["id"] = "emglint/" + phase + "/" + host.host + "/";
  for (ordered_json& result : run["results"]) tag_result(result, host.host);
  return run;
}

}  // namespace

void write_sarif(std::ostream& out, const Fleet& fleet, const SarifOutput& output) {
  ordered_json runs = ordered_json::array();
  if (output.per_host) {
    const ordered_json driver = first_driver(fleet, output);
    const std::string phase = first_requested_phase(fleet);
    for (const HostReport& host : fleet.hosts) runs.push_back(host_run(host, driver, phase));
  } else {
    runs.push_back(fleet_run(fleet, output));
  }
  ordered_json log = ordered_json::object();
  log["$schema"] = schema_uri;
  log["version"] = "2.1.0";
  log["runs"] = std::move(runs);
  out << log.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace emglint::merge
