#include "cli/project_settings.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "check/catalog.h"
#include "cli/check_command.h"
#include "cli/suggestions.h"
#include "inspect/file_reader.h"

namespace emglint::cli {

namespace {

namespace fs = std::filesystem;

// A problem in the file: thrown while reading, turned into the message.
struct SettingsError {
  std::size_t line;
  std::string message;
};

std::size_t line_of(const toml::node& node) { return node.source().begin.line; }

std::string string_of(const toml::node& node, std::string_view key) {
  const auto* text = node.as_string();
  if (text == nullptr) throw SettingsError{line_of(node), fmt::format("`{}` must be a string", key)};
  return text->get();
}

bool flag_of(const toml::node& node, std::string_view key) {
  const auto* flag = node.as_boolean();
  if (flag == nullptr) throw SettingsError{line_of(node), fmt::format("`{}` must be true or false", key)};
  return flag->get();
}

std::int64_t count_of(const toml::node& node, std::string_view key) {
  const auto* number = node.as_integer();
  // The command line's bound: beyond it no count of connectors or files is real.
  constexpr std::int64_t largest = std::int64_t{1} << 40;
  if (number == nullptr || number->get() < 0 || number->get() > largest) {
    throw SettingsError{line_of(node), fmt::format("`{}` must be a whole number from 0 to {}", key, largest)};
  }
  return number->get();
}

void require_rule(const std::string& id, std::size_t line, std::string_view key) {
  const auto all = check::catalog();
  const bool known =
      std::any_of(all.begin(), all.end(), [&](const report::RuleInfo* rule) { return check::names_rule(id, rule->id); });
  if (!known) throw SettingsError{line, fmt::format("`{}` names `{}`, which is no rule", key, id)};
}

// A list of rule IDs or prefixes: `["EMG1", "EMG201"]`.
std::vector<std::string> ids_of(const toml::node& node, std::string_view key) {
  const auto* array = node.as_array();
  if (array == nullptr) throw SettingsError{line_of(node), fmt::format("`{}` must be a list of rule IDs", key)};
  std::vector<std::string> ids;
  for (const toml::node& item : *array) {
    ids.push_back(string_of(item, key));
    require_rule(ids.back(), line_of(item), key);
  }
  return ids;
}

// `max-file-size = "512M"` or a number of bytes.
std::size_t file_size_of(const toml::node& node, std::string_view key) {
  std::optional<std::size_t> size;
  if (const auto* number = node.as_integer(); number != nullptr && number->get() > 0) {
    size = parse_file_size(std::to_string(number->get()));
  } else if (const auto* text = node.as_string(); text != nullptr) {
    size = parse_file_size(text->get());
  }
  if (!size) {
    throw SettingsError{line_of(node), fmt::format("`{}` must be a size from 1 byte to 1T: a number of bytes or "
                                                   "a string such as \"512M\" (K, M, G: binary units)",
                                                   key)};
  }
  return *size;
}

template <typename T>
FromFile<T> from(const toml::node& node, T value) {
  return {std::move(value), line_of(node)};
}

const std::vector<std::string> known_keys = {
    "select",  "ignore",    "fail-on",       "emgdir",   "rc-local",         "dist",          "watchdog-pattern",
    "offline", "instances", "ulimit",        "max-file-size", "severity", "per-file-ignores", "known-keywords"};

void read_table(const toml::table& table, ProjectSettings& settings) {
  for (const auto& [key_node, node] : table) {
    const std::string key(key_node.str());
    if (key == "select") {
      settings.select = from(node, ids_of(node, key));
    } else if (key == "ignore") {
      settings.ignore = from(node, ids_of(node, key));
    } else if (key == "fail-on") {
      const std::string value = string_of(node, key);
      if (std::find(fail_on_choices.begin(), fail_on_choices.end(), value) == fail_on_choices.end()) {
        throw SettingsError{line_of(node), "`fail-on` must be error, warning, info or never"};
      }
      settings.fail_on = from(node, value);
    } else if (key == "emgdir") {
      settings.emgdir = from(node, string_of(node, key));
    } else if (key == "rc-local") {
      settings.rc_local = from(node, string_of(node, key));
    } else if (key == "dist") {
      settings.dist = from(node, string_of(node, key));
    } else if (key == "watchdog-pattern") {
      settings.watchdog_pattern = from(node, string_of(node, key));
    } else if (key == "offline") {
      settings.offline = from(node, flag_of(node, key));
    } else if (key == "instances") {
      settings.instances = from(node, count_of(node, key));
    } else if (key == "ulimit") {
      settings.ulimit = from(node, count_of(node, key));
    } else if (key == "max-file-size") {
      settings.max_file_size = from(node, file_size_of(node, key));
    } else if (key == "severity") {
      const auto* overrides = node.as_table();
      if (overrides == nullptr) throw SettingsError{line_of(node), "`severity` must be a table: `EMG008 = \"warning\"`"};
      for (const auto& [id_node, value] : *overrides) {
        const std::string id(id_node.str());
        require_rule(id, line_of(value), "severity");
        const std::string severity = string_of(value, "severity." + id);
        if (severity != "error" && severity != "warning" && severity != "info") {
          throw SettingsError{line_of(value), fmt::format("`severity.{}` must be error, warning or info", id)};
        }
        settings.severity.push_back({id, severity, line_of(value)});
      }
    } else if (key == "per-file-ignores") {
      const auto* globs = node.as_table();
      if (globs == nullptr) {
        throw SettingsError{line_of(node), "`per-file-ignores` must be a table: `\"legacy/*\" = [\"EMG008\"]`"};
      }
      for (const auto& [glob, ids] : *globs) {
        settings.per_file_ignores.push_back({std::string(glob.str()), ids_of(ids, "per-file-ignores"), line_of(ids)});
      }
    } else if (key == "known-keywords") {
      const auto* scopes = node.as_table();
      if (scopes == nullptr) {
        throw SettingsError{line_of(node), "`known-keywords` must be a table: `connector = [\"NAME\"]`"};
      }
      for (const auto& [scope, names] : *scopes) {
        const auto* array = names.as_array();
        if (array == nullptr) {
          throw SettingsError{line_of(names), fmt::format("`known-keywords.{}` must be a list of names", scope.str())};
        }
        for (const toml::node& name : *array) {
          settings.known_keywords.push_back(
              from(name, fmt::format("{}:{}", scope.str(), string_of(name, "known-keywords"))));
        }
      }
    } else {
      std::string message = fmt::format("unknown key `{}`", key);
      if (auto hint = nearest(key, known_keys)) message += fmt::format("; did you mean `{}`?", *hint);
      throw SettingsError{line_of(node), std::move(message)};
    }
  }
}

}  // namespace

std::optional<std::size_t> parse_file_size(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 13) return std::nullopt;  // 13 digits: beyond largest_file_size_limit anyway
  std::size_t number = 0;
  for (std::size_t i = 0; i < digits; ++i) number = number * 10 + static_cast<std::size_t>(text[i] - '0');
  std::string unit(text.substr(digits));
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::size_t scale = 0;
  if (unit.empty() || unit == "B") {
    scale = 1;
  } else if (unit == "K" || unit == "KIB") {
    scale = std::size_t{1} << 10;
  } else if (unit == "M" || unit == "MIB") {
    scale = std::size_t{1} << 20;
  } else if (unit == "G" || unit == "GIB") {
    scale = std::size_t{1} << 30;
  } else {
    return std::nullopt;
  }
  if (number == 0 || number > largest_file_size_limit / scale) return std::nullopt;
  return number * scale;
}

std::string find_project_settings(const std::string& start) {
  std::error_code error;
  fs::path directory = fs::absolute(start, error);
  if (error) return {};
  if (!fs::is_directory(directory, error)) directory = directory.parent_path();
  for (;;) {
    const fs::path candidate = directory / project_settings_name;
    if (fs::is_regular_file(candidate, error)) return candidate.lexically_normal().string();
    if (!directory.has_parent_path() || directory.parent_path() == directory) return {};
    directory = directory.parent_path();
  }
}

ProjectSettingsRead read_project_settings(const std::string& path) {
  ProjectSettingsRead read;
  auto content = inspect::read_text_file(path);
  if (auto* error = std::get_if<inspect::ReadError>(&content)) {
    read.problem = fmt::format("{}: {}", path, error->message);
    return read;
  }
  toml::table table;
  try {
    table = toml::parse(std::get<std::string>(content), path);
  } catch (const toml::parse_error& error) {
    read.problem = fmt::format("{}:{}: {}", path, error.source().begin.line, error.description());
    return read;
  }
  ProjectSettings settings;
  settings.path = path;
  std::error_code ignored;
  settings.directory = fs::absolute(path, ignored).parent_path().lexically_normal().string();
  try {
    read_table(table, settings);
  } catch (const SettingsError& error) {
    read.problem = fmt::format("{}:{}: {}", path, error.line, error.message);
    return read;
  }
  read.settings = std::move(settings);
  return read;
}

}  // namespace emglint::cli
