#include "cli/baseline.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <map>
#include <tuple>

namespace emglint::cli {

namespace {

constexpr int baseline_schema = 1;

using Key = std::tuple<std::string, std::string, std::string>;  // rule, path, object

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

std::string string_field(const nlohmann::json& entry, const char* key, std::size_t index, bool required,
                         std::string& problem) {
  const auto found = entry.find(key);
  if (found == entry.end() || found->is_null()) {
    if (required) problem = fmt::format("entry {}: `{}` is missing", index + 1, key);
    return {};
  }
  if (!found->is_string()) {
    problem = fmt::format("entry {}: `{}` must be a string", index + 1, key);
    return {};
  }
  return found->get<std::string>();
}

// `text` as a baseline file holds it: JSON holds only UTF-8, so each invalid
// byte sequence (a block name in Latin-1, a path) becomes U+FFFD when written.
// Findings are matched to entries in this form, so such a finding still finds
// the entry written for it.
std::string as_written(std::string_view text) {
  const nlohmann::json written = std::string(text);
  return nlohmann::json::parse(written.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      .get<std::string>();
}

Key key_of(const report::TargetReport& target, const report::Finding& finding) {
  return {std::string(finding.rule->id), as_written(target.files[finding.file].in_root), as_written(finding.object)};
}

// The baseline `document` holds, or why it holds none.
ParsedBaseline baseline_in(const nlohmann::json& document) {
  ParsedBaseline parsed;
  if (!document.is_object() || !document.contains("entries") || !document["entries"].is_array()) {
    parsed.problem = "not an emglint baseline: it needs an `entries` array";
    return parsed;
  }
  if (document.contains("schema_version") && document["schema_version"] != baseline_schema) {
    parsed.problem = fmt::format("schema_version {} is not {}", document["schema_version"].dump(), baseline_schema);
    return parsed;
  }
  Baseline baseline;
  const auto& entries = document["entries"];
  for (std::size_t index = 0; index < entries.size(); ++index) {
    const auto& entry = entries[index];
    if (!entry.is_object()) {
      parsed.problem = fmt::format("entry {}: not an object", index + 1);
      return parsed;
    }
    for (const auto& [key, value] : entry.items()) {
      if (key != "rule" && key != "path" && key != "object" && key != "reason" && key != "expires") {
        parsed.problem = fmt::format("entry {}: unknown key `{}`", index + 1, key);
        return parsed;
      }
    }
    BaselineEntry read;
    read.rule = string_field(entry, "rule", index, true, parsed.problem);
    if (parsed.problem.empty()) read.path = string_field(entry, "path", index, true, parsed.problem);
    if (parsed.problem.empty()) read.object = string_field(entry, "object", index, true, parsed.problem);
    if (parsed.problem.empty()) read.reason = string_field(entry, "reason", index, false, parsed.problem);
    if (parsed.problem.empty()) read.expires = string_field(entry, "expires", index, false, parsed.problem);
    if (parsed.problem.empty() && !read.expires.empty() && !is_date(read.expires)) {
      parsed.problem = fmt::format("entry {}: `expires` must be a date, YYYY-MM-DD", index + 1);
    }
    if (!parsed.problem.empty()) return parsed;
    baseline.entries.push_back(std::move(read));
  }
  parsed.baseline = std::move(baseline);
  return parsed;
}

}  // namespace

ParsedBaseline parse_baseline(std::string_view text) {
  ParsedBaseline parsed;
  try {
    return baseline_in(nlohmann::json::parse(text));
  } catch (const nlohmann::json::parse_error& error) {
    parsed.problem = fmt::format("not JSON: {}", error.what());
  } catch (const nlohmann::json::exception& error) {
    // A number JSON allows but a double cannot hold (`1e400`), or a value of
    // another type than asked for: the file is still no baseline.
    parsed.problem = fmt::format("not an emglint baseline: {}", error.what());
  }
  return parsed;
}

std::string baseline_text(const std::vector<report::TargetReport>& targets, const Baseline* previous) {
  std::map<Key, const BaselineEntry*> earlier;
  if (previous != nullptr) {
    for (const BaselineEntry& entry : previous->entries) earlier.emplace(Key{entry.rule, entry.path, entry.object}, &entry);
  }
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (const report::TargetReport& target : targets) {
    for (const report::Finding& finding : target.findings) {
      if (finding.suppression && finding.suppression->kind != report::Suppression::Kind::baseline) continue;
      Key key = key_of(target, finding);
      const auto found = earlier.find(key);
      const BaselineEntry* kept = found != earlier.end() ? found->second : nullptr;
      nlohmann::ordered_json entry;
      entry["rule"] = std::move(std::get<0>(key));
      entry["path"] = std::move(std::get<1>(key));
      entry["object"] = std::move(std::get<2>(key));
      entry["reason"] = kept != nullptr ? kept->reason : "";
      if (kept != nullptr && !kept->expires.empty()) {
        entry["expires"] = kept->expires;
      } else {
        entry["expires"] = nullptr;
      }
      entries.push_back(std::move(entry));
    }
  }
  nlohmann::ordered_json document;
  document["schema_version"] = baseline_schema;
  document["tool"] = "emglint";
  document["entries"] = std::move(entries);
  return document.dump(2) + "\n";
}

void apply_baseline(std::vector<report::TargetReport>& targets, const Baseline& baseline, std::string_view today) {
  std::map<Key, const BaselineEntry*> by_key;
  for (const BaselineEntry& entry : baseline.entries) by_key.emplace(Key{entry.rule, entry.path, entry.object}, &entry);
  for (report::TargetReport& target : targets) {
    for (report::Finding& finding : target.findings) {
      if (finding.suppression) continue;
      const auto found = by_key.find(key_of(target, finding));
      if (found == by_key.end()) continue;
      const BaselineEntry& entry = *found->second;
      if (!entry.expires.empty() && entry.expires < today) {
        finding.message += fmt::format(" (its baseline entry expired on {}, so it counts again)", entry.expires);
        continue;
      }
      finding.suppression = report::Suppression{
          .kind = report::Suppression::Kind::baseline, .reason = entry.reason, .expires = entry.expires};
    }
  }
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char text[11];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

}  // namespace emglint::cli
