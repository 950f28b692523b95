#include "cli/baseline.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <filesystem>
#include <map>
#include <tuple>

#include "report/fnv1a.h"
#include "report/paths.h"
#include "reporters/json_reading.h"

namespace emglint::cli {

namespace {

namespace fs = std::filesystem;

constexpr int baseline_schema = 2;

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

// The finding's file as a version 2 entry names it: relative to `directory`,
// or absolute when outside it.
std::string path_from(const std::string& directory, const report::SourceFile& file) {
  const fs::path absolute = !file.real_path.empty() ? fs::path(file.real_path) : report::normal_absolute(file.display);
  return report::relative_inside(absolute, directory).value_or(absolute.generic_string());
}

// The object without the ` #N` that Findings numbers alike objects with.
std::string_view unnumbered(const report::Finding& finding) {
  std::string_view object = finding.object;
  if (finding.occurrence > 1) object = object.substr(0, object.rfind(" #"));
  return object;
}

// What a finding is filed under in `baseline`: version 1 by its path
// relative to the PATH checked and its numbered object, version 2 as above.
Key key_of(const report::TargetReport& target, const report::Finding& finding, const Baseline& baseline) {
  const report::SourceFile& file = target.files[finding.file];
  if (baseline.schema_version == 1) {
    return {std::string(finding.rule->id), as_written(file.in_root), as_written(finding.object)};
  }
  return {std::string(finding.rule->id), as_written(path_from(baseline.directory, file)),
          as_written(unnumbered(finding))};
}

// The entry of `baseline` each finding matches, target by target, or null.
// Among the findings and entries filed under one key, equal line hashes pair
// first (the finding whose line, with its neighbours, is the one recorded),
// then the rest in order.
std::vector<std::vector<const BaselineEntry*>> match(const std::vector<report::TargetReport>& targets,
                                                     const Baseline& baseline) {
  struct Filed {
    std::vector<const BaselineEntry*> entries;
    std::vector<bool> taken;
  };
  std::map<Key, Filed> filed;
  for (const BaselineEntry& entry : baseline.entries) {
    Filed& under = filed[Key{entry.rule, entry.path, entry.object}];
    under.entries.push_back(&entry);
    under.taken.push_back(false);
  }
  std::vector<std::vector<const BaselineEntry*>> matched;
  std::vector<std::vector<Filed*>> place;  // where each finding is filed, if anywhere
  for (const report::TargetReport& target : targets) {
    matched.emplace_back(target.findings.size(), nullptr);
    place.emplace_back(target.findings.size(), nullptr);
    for (std::size_t i = 0; i < target.findings.size(); ++i) {
      const report::Finding& finding = target.findings[i];
      if (finding.suppression && finding.suppression->kind != report::Suppression::Kind::baseline) continue;
      const auto found = filed.find(key_of(target, finding, baseline));
      if (found != filed.end()) place.back()[i] = &found->second;
    }
  }
  const auto pair_in_order = [&](bool by_hash) {
    for (std::size_t t = 0; t < targets.size(); ++t) {
      for (std::size_t i = 0; i < targets[t].findings.size(); ++i) {
        Filed* under = place[t][i];
        if (under == nullptr || matched[t][i] != nullptr) continue;
        const std::uint64_t hash = targets[t].findings[i].line_hash;
        if (by_hash && hash == 0) continue;
        for (std::size_t e = 0; e < under->entries.size(); ++e) {
          if (under->taken[e] || (by_hash && under->entries[e]->line_hash != hash)) continue;
          under->taken[e] = true;
          matched[t][i] = under->entries[e];
          break;
        }
      }
    }
  };
  pair_in_order(true);
  pair_in_order(false);
  return matched;
}

// The baseline `document` holds, or why it holds none.
ParsedBaseline baseline_in(const nlohmann::json& document, std::string directory) {
  ParsedBaseline parsed;
  if (!document.is_object() || !document.contains("entries") || !document["entries"].is_array()) {
    parsed.problem = "not an emglint baseline: it needs an `entries` array";
    return parsed;
  }
  Baseline baseline{.schema_version = 1, .directory = std::move(directory), .entries = {}};
  if (document.contains("schema_version")) {
    const nlohmann::json& version = document["schema_version"];
    if (version != 1 && version != baseline_schema) {
      parsed.problem = fmt::format("schema_version {} is neither 1 nor {}", version.dump(), baseline_schema);
      return parsed;
    }
    baseline.schema_version = version.get<int>();
  }
  const auto& entries = document["entries"];
  for (std::size_t index = 0; index < entries.size(); ++index) {
    const auto& entry = entries[index];
    if (!entry.is_object()) {
      parsed.problem = fmt::format("entry {}: not an object", index + 1);
      return parsed;
    }
    for (const auto& [key, value] : entry.items()) {
      const bool known = key == "rule" || key == "path" || key == "object" || key == "reason" || key == "expires" ||
                         (key == "line_hash" && baseline.schema_version >= 2);
      if (!known) {
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
    if (parsed.problem.empty()) {
      const std::string hash = string_field(entry, "line_hash", index, false, parsed.problem);
      if (!hash.empty() && (hash.size() != 16 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)) {
        parsed.problem = fmt::format("entry {}: `line_hash` must be 16 hexadecimal digits", index + 1);
      } else if (!hash.empty()) {
        read.line_hash = std::stoull(hash, nullptr, 16);
      }
    }
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

std::string baseline_directory(const std::string& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error).lexically_normal();
  const fs::path canonical = fs::weakly_canonical(absolute.parent_path(), error);
  return error ? absolute.parent_path().string() : canonical.string();
}

ParsedBaseline parse_baseline(std::string_view text, std::string directory) {
  ParsedBaseline parsed;
  try {
    return baseline_in(reporters::parse_json_of_bounded_depth<nlohmann::json>(text), std::move(directory));
  } catch (const nlohmann::json::parse_error& error) {
    parsed.problem = fmt::format("not JSON: {}", error.what());
  } catch (const reporters::JsonTooDeep& error) {
    parsed.problem = fmt::format("not an emglint baseline: {}", error.what());
  } catch (const nlohmann::json::exception& error) {
    // A number JSON allows but a double cannot hold (`1e400`), or a value of
    // another type than asked for: the file is still no baseline.
    parsed.problem = fmt::format("not an emglint baseline: {}", error.what());
  }
  return parsed;
}

std::string baseline_text(const std::vector<report::TargetReport>& targets, const Baseline* previous,
                          const std::string& directory) {
  std::vector<std::vector<const BaselineEntry*>> earlier;
  if (previous != nullptr) earlier = match(targets, *previous);
  const Baseline written{.schema_version = baseline_schema, .directory = directory, .entries = {}};
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (std::size_t t = 0; t < targets.size(); ++t) {
    const report::TargetReport& target = targets[t];
    for (std::size_t i = 0; i < target.findings.size(); ++i) {
      const report::Finding& finding = target.findings[i];
      if (finding.suppression && finding.suppression->kind != report::Suppression::Kind::baseline) continue;
      const BaselineEntry* kept = previous != nullptr ? earlier[t][i] : nullptr;
      auto [rule, path, object] = key_of(target, finding, written);
      nlohmann::ordered_json entry;
      entry["rule"] = std::move(rule);
      entry["path"] = std::move(path);
      entry["object"] = std::move(object);
      entry["line_hash"] = finding.line_hash != 0 ? nlohmann::ordered_json(report::hex64(finding.line_hash)) : nullptr;
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
  const std::vector<std::vector<const BaselineEntry*>> matched = match(targets, baseline);
  for (std::size_t t = 0; t < targets.size(); ++t) {
    for (std::size_t i = 0; i < targets[t].findings.size(); ++i) {
      const BaselineEntry* entry = matched[t][i];
      if (entry == nullptr) continue;
      report::Finding& finding = targets[t].findings[i];
      if (!entry->expires.empty() && entry->expires < today) {
        finding.message += fmt::format(" (its baseline entry expired on {}, so it counts again)", entry->expires);
        continue;
      }
      finding.suppression = report::Suppression{
          .kind = report::Suppression::Kind::baseline, .reason = entry->reason, .expires = entry->expires};
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
