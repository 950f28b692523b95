// Reading one host's report back: a JSON report or a SARIF log of `emglint
// check`. Whatever is wrong with it becomes the host's `error` in words of
// emglint's own: nothing of a file that is no report is quoted, since it may
// be anything (a server.cfg given by mistake, with its passwords).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>

#include "merge/fleet.h"
#include "merge/host_name.h"

namespace emglint::merge {

namespace {

using nlohmann::ordered_json;

constexpr std::int64_t read_schema_version = 1;

// `gw001` of `reports/gw001.json`, `gw001.sarif` or `gw001.sarif.json`.
std::string host_of_file_name(std::string_view path) {
  std::string_view name =
      path.substr(path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1);
  for (const std::string_view extension : {".json", ".sarif"}) {
    if (name.size() > extension.size() && name.ends_with(extension)) name.remove_suffix(extension.size());
  }
  return std::string(name);
}

// Why a JSON text does not parse, in emglint's words only: nlohmann's message
// quotes what it last read.
std::string parse_problem(const ordered_json::parse_error& error, std::size_t size) {
  if (size == 0) return "is empty";
  if (error.byte > size) return fmt::format("ends before its JSON does, after {} bytes (a truncated copy?)", size);
  return fmt::format("is not JSON: it breaks off at byte {} of {}", error.byte, size);
}

bool is_string(const ordered_json& document, const char* key) {
  return document.is_object() && document.contains(key) && document[key].is_string();
}

bool is_array(const ordered_json& document, const char* key) {
  return document.is_object() && document.contains(key) && document[key].is_array();
}

bool is_count(const ordered_json& document, const char* key) {
  return document.is_object() && document.contains(key) && document[key].is_number_unsigned();
}

// The effective phases of `targets`, once each, in the order they come.
std::string phases_of(const ordered_json& targets,
                      const std::function<const ordered_json*(const ordered_json&)>& phase) {
  std::vector<std::string> seen;
  for (const ordered_json& target : targets) {
    const ordered_json* value = phase(target);
    if (value == nullptr || !value->is_string()) continue;
    const std::string name = value->get<std::string>();
    if (std::find(seen.begin(), seen.end(), name) == seen.end()) seen.push_back(name);
  }
  return fmt::format("{}", fmt::join(seen, ", "));
}

// The problems recorded with the host's run, as one sentence's tail.
std::string joined_problems(const ordered_json& problems) {
  std::vector<std::string> texts;
  for (const ordered_json& problem : problems) {
    if (problem.is_string()) texts.push_back(problem.get<std::string>());
  }
  return texts.empty() ? std::string() : ": " + fmt::format("{}", fmt::join(texts, "; "));
}

// The host a report records, when it records one: an unusable name is the
// report's problem.
std::string recorded_host(HostReport& host, const ordered_json* name) {
  if (name == nullptr) return {};
  if (!name->is_string()) return "records a host that is not a string";
  const std::string text = name->get<std::string>();
  if (auto problem = host_name_problem(text)) return "records a host name emglint cannot use: " + *problem;
  host.host = text;
  return {};
}

// A JSON report of `emglint check` (contract.md, "JSON report"); the reason
// it is not one, else empty.
std::string read_json_report(HostReport& host, ordered_json& document) {
  const ordered_json& version = document["schema_version"];
  if (is_array(document, "hosts")) return "is a merged report of several hosts, not one host's report";
  if (!version.is_number_integer()) return "has a schema_version that is not a number";
  if (version.get<std::int64_t>() != read_schema_version) {
    return fmt::format("has schema_version {}; this emglint reads schema_version {}", version.get<std::int64_t>(),
                       read_schema_version);
  }
  if (!document.contains("tool") || !is_string(document["tool"], "name") || document["tool"]["name"] != "emglint") {
    return "is not a report of emglint: no `tool.name` emglint";
  }
  if (!is_array(document, "targets") || !is_array(document, "findings") || !document.contains("summary")) {
    return "is not a whole emglint report: it lacks targets, findings or summary";
  }
  const ordered_json& summary = document["summary"];
  for (const char* key : {"error", "warning", "info", "fixable"}) {
    if (!is_count(summary, key)) return fmt::format("has no count `summary.{}`", key);
  }
  for (const ordered_json& finding : document["findings"]) {
    if (!is_string(finding, "severity") || !report::severity_from_string(finding["severity"].get<std::string>())) {
      return "holds a finding without a severity emglint knows";
    }
  }
  if (auto problem = recorded_host(host, document.contains("host") ? &document["host"] : nullptr); !problem.empty()) {
    return problem;
  }
  host.summary = {.error = summary["error"].get<std::size_t>(),
                  .warning = summary["warning"].get<std::size_t>(),
                  .info = summary["info"].get<std::size_t>(),
                  .fixable = summary["fixable"].get<std::size_t>()};
  if (is_count(summary, "fixed")) host.summary.fixed = summary["fixed"].get<std::size_t>();
  host.phase = phases_of(document["targets"], [](const ordered_json& target) -> const ordered_json* {
    if (!target.is_object() || !target.contains("phase") || !is_string(target["phase"], "effective")) return nullptr;
    return &target["phase"]["effective"];
  });
  if (document.contains("exit_code") && document["exit_code"].is_number_integer()) {
    host.exit_code = document["exit_code"].get<std::int64_t>();
  }
  if (host.exit_code && *host.exit_code != 0 && *host.exit_code != 1) {
    host.error = fmt::format("its check ended with exit code {}{}", *host.exit_code,
                             is_array(document, "problems") ? joined_problems(document["problems"]) : "");
  }
  return {};
}

// The phase a check was asked for, from its run's category `emglint/PHASE/`.
std::string requested_phase(const ordered_json& run) {
  if (!run.contains("automationDetails") || !is_string(run["automationDetails"], "id")) return {};
  const std::string id = run["automationDetails"]["id"].get<std::string>();
  constexpr std::string_view prefix = "emglint/";
  if (!id.starts_with(prefix) || !id.ends_with('/') || id.size() <= prefix.size() + 1) return {};
  const std::string phase = id.substr(prefix.size(), id.size() - prefix.size() - 1);
  return phase.find('/') == std::string::npos ? phase : std::string();
}

// A SARIF log of `emglint check` (contract.md, "SARIF"): one run of the
// emglint driver; the reason it is not one, else empty.
std::string read_sarif_log(HostReport& host, ordered_json& document) {
  if (!is_string(document, "version") || document["version"] != "2.1.0") return "is not a SARIF 2.1.0 log";
  const ordered_json& runs = document["runs"];
  if (runs.size() != 1) {
    return fmt::format("holds {} runs: merge reads the log of one check, which has one", runs.size());
  }
  ordered_json& run = document["runs"][0];
  if (!run.is_object() || !run.contains("tool") || !run["tool"].contains("driver") ||
      !is_string(run["tool"]["driver"], "name") || run["tool"]["driver"]["name"] != "emglint") {
    return "is not a SARIF log of emglint: its driver is another tool";
  }
  if (run.contains("properties") && is_array(run["properties"], "hosts")) {
    return "is a merged log of several hosts, not one host's log";
  }
  if (!is_array(run, "results") || (run.contains("tool") && !is_array(run["tool"]["driver"], "rules"))) {
    return "is not a whole emglint log: it lacks results or the rule catalog";
  }
  const ordered_json* invocation =
      is_array(run, "invocations") && !run["invocations"].empty() && run["invocations"][0].is_object()
          ? &run["invocations"][0]
          : nullptr;
  if (auto problem = recorded_host(
          host, invocation != nullptr && invocation->contains("machine") ? &(*invocation)["machine"] : nullptr);
      !problem.empty()) {
    return problem;
  }
  for (const ordered_json& result : run["results"]) {
    if (!result.is_object() || !is_string(result, "ruleId")) return "holds a result without a ruleId";
    const bool suppressed = is_array(result, "suppressions") && !result["suppressions"].empty();
    if (suppressed) continue;
    const std::string level = is_string(result, "level") ? result["level"].get<std::string>() : "warning";
    if (level == "error") ++host.summary.error;
    if (level == "warning") ++host.summary.warning;
    if (level == "note") ++host.summary.info;
  }
  if (run.contains("properties") && is_array(run["properties"], "targets")) {
    host.phase = phases_of(run["properties"]["targets"], [](const ordered_json& target) -> const ordered_json* {
      return target.is_object() && target.contains("phase") ? &target["phase"] : nullptr;
    });
  }
  host.requested_phase = requested_phase(run);
  if (invocation != nullptr) {
    if (invocation->contains("exitCode") && (*invocation)["exitCode"].is_number_integer()) {
      host.exit_code = (*invocation)["exitCode"].get<std::int64_t>();
    }
    const bool successful = invocation->contains("executionSuccessful") && (*invocation)["executionSuccessful"] == true;
    if (!successful) {
      std::vector<std::string> notes;
      for (const ordered_json& note : invocation->value("toolExecutionNotifications", ordered_json::array())) {
        if (note.is_object() && note.contains("message") && is_string(note["message"], "text")) {
          notes.push_back(note["message"]["text"].get<std::string>());
        }
      }
      host.error = host.exit_code ? fmt::format("its check ended with exit code {}", *host.exit_code)
                                  : std::string("its check did not run through");
      if (!notes.empty()) host.error += ": " + fmt::format("{}", fmt::join(notes, " "));
    }
  }
  return {};
}

}  // namespace

std::string_view to_string(Format format) { return format == Format::json ? "JSON report" : "SARIF log"; }

HostReport read_host_report(const ReportFile& file) {
  HostReport host{.host = host_of_file_name(file.path), .path = file.path};
  const auto fail = [&](std::string_view why) {
    host.status = HostStatus::error;
    host.error = fmt::format("{} {}", file.path, why);
    host.document = nullptr;
    return host;
  };
  if (!file.read_error.empty()) return fail("cannot be read: " + file.read_error);
  try {
    host.document = ordered_json::parse(file.bytes);
  } catch (const ordered_json::parse_error& error) {
    return fail(parse_problem(error, file.bytes.size()));
  }
  ordered_json& document = host.document;
  std::string problem;
  if (document.is_object() && document.contains("schema_version")) {
    host.format = Format::json;
    problem = read_json_report(host, document);
  } else if (document.is_object() && document.contains("runs") && document["runs"].is_array()) {
    host.format = Format::sarif;
    problem = read_sarif_log(host, document);
  } else {
    problem = "is neither a JSON report nor a SARIF log of emglint";
  }
  if (!problem.empty()) {
    host.format.reset();
    return fail(problem);
  }
  if (!host.error.empty()) {
    // A check that failed still reported what it found: the findings are merged, the host is `error`.
    host.status = HostStatus::error;
    host.error = fmt::format("{}: {}", file.path, host.error);
  } else {
    host.status =
        host.summary.error + host.summary.warning + host.summary.info > 0 ? HostStatus::findings : HostStatus::clean;
  }
  return host;
}

}  // namespace emglint::merge
