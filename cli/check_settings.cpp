#include "cli/check_settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "analysis/keywords.h"
#include "check/catalog.h"
#include "cli/project_settings.h"

namespace emglint::cli {

namespace {

std::vector<std::string> split_ids(const std::vector<std::string>& lists) {
  std::vector<std::string> ids;
  for (const auto& list : lists) {
    std::string_view rest = list;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      std::string_view id = rest.substr(0, comma);
      while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
      while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
      if (!id.empty()) ids.emplace_back(id);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return ids;
}

// An ID or prefix that names no rule is a typo that would silently select nothing.
void require_known_ids(const std::vector<std::string>& ids, std::string_view option) {
  const auto all = check::catalog();
  for (const auto& id : ids) {
    const bool known = std::any_of(all.begin(), all.end(),
                                   [&](const report::RuleInfo* rule) { return check::names_rule(id, rule->id); });
    if (!known) throw CLI::ValidationError(std::string(option), fmt::format("`{}` names no rule", id));
  }
}

// `SCOPE:NAME` values of --known-keyword; a malformed one is a usage error, not a keyword silently never matched.
std::vector<analysis::DeclaredKeyword> declared_keywords(const std::vector<std::string>& specs) {
  std::vector<analysis::DeclaredKeyword> keywords;
  for (const auto& spec : specs) {
    auto parsed = analysis::parse_declared_keyword(spec);
    if (!parsed.keyword) throw CLI::ValidationError("--known-keyword", parsed.problem);
    keywords.push_back(std::move(*parsed.keyword));
  }
  return keywords;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ",") + word;
  return text;
}

std::string place(const ProjectSettings& file, std::size_t line) { return fmt::format("{}:{}", file.path, line); }

// A path in the settings file is relative to the file's directory.
std::string from_settings_directory(const ProjectSettings& file, const std::string& path) {
  return std::filesystem::path(path).is_absolute() ? path : (std::filesystem::path(file.directory) / path).string();
}

}  // namespace

// `EMG2`, `emg201,EMG3`: words of a rule list, not paths.
bool looks_like_rule_ids(std::string_view word) {
  if (word.empty()) return false;
  for (std::string_view rest = word; !rest.empty();) {
    const auto comma = rest.find(',');
    const std::string_view id = rest.substr(0, comma);
    if (id.size() < 3 || (id[0] != 'E' && id[0] != 'e') || (id[1] != 'M' && id[1] != 'm') ||
        (id[2] != 'G' && id[2] != 'g')) {
      return false;
    }
    if (id.substr(3).find_first_not_of("0123456789") != std::string_view::npos) return false;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return true;
}

namespace {

// The settings file: --config FILE, else .emglint.toml found upward from the
// first PATH (or the working directory); none when there is none; or why it
// cannot be read.
std::variant<std::optional<ProjectSettings>, std::string> settings_file_of(const CheckArguments& arguments) {
  std::string path = arguments.settings_file;
  if (path.empty())
    path = find_project_settings(arguments.options.paths.empty() ? "." : arguments.options.paths.front());
  if (path.empty()) return std::optional<ProjectSettings>();
  ProjectSettingsRead read = read_project_settings(path);
  if (!read.settings) return read.problem;
  return std::move(read.settings);
}

// Settles each setting in `options`: the command line's, else the file's,
// else the environment's or the default, and records where it came from.
class Resolution {
 public:
  Resolution(CheckArguments& arguments, const std::optional<ProjectSettings>& file, const Environment& environment)
      : arguments_(arguments), options_(arguments.options), file_(file), environment_(environment) {}

  // Or a problem with a value the file gives.
  [[nodiscard]] std::optional<std::string> settle();
  [[nodiscard]] std::vector<SettingShown> shown() && { return std::move(shown_); }
  [[nodiscard]] const std::string& emgdir_source() const { return emgdir_source_; }

 private:
  template <typename T, typename Show>
  void settle_one(const char* name, const char* option, T& value, const std::optional<FromFile<T>>* from_file,
                  const Show& show) {
    std::string source = "default";
    if (arguments_.given(option)) {
      source = "command line";
    } else if (file_ && from_file != nullptr && *from_file) {
      value = (*from_file)->value;
      source = place(*file_, (*from_file)->line);
    }
    shown_.push_back({name, show(value), source});
  }
  // A path the file gives, relative to the file's directory.
  [[nodiscard]] std::optional<FromFile<std::string>> path_from_file(
      const std::optional<FromFile<std::string>>& path) const {
    if (!file_ || !path) return std::nullopt;
    return FromFile<std::string>{from_settings_directory(*file_, path->value), path->line};
  }
  void settle_rules();
  void settle_host();
  [[nodiscard]] std::optional<std::string> settle_lists();
  void settle_paths();

  CheckArguments& arguments_;
  CheckOptions& options_;
  const std::optional<ProjectSettings>& file_;
  const Environment& environment_;
  std::vector<SettingShown> shown_;
  std::string emgdir_source_;
};

std::string as_text(const std::string& text) { return text.empty() ? std::string("(none)") : text; }

void Resolution::settle_rules() {
  std::vector<std::string> selected = split_ids(arguments_.select);
  std::vector<std::string> ignored = split_ids(arguments_.ignore);
  require_known_ids(selected, "--select");
  require_known_ids(ignored, "--ignore");
  settle_one("select", "--select", selected, file_ ? &file_->select : nullptr,
             [](const std::vector<std::string>& ids) { return ids.empty() ? std::string("(all)") : joined(ids); });
  settle_one("ignore", "--ignore", ignored, file_ ? &file_->ignore : nullptr,
             [](const std::vector<std::string>& ids) { return ids.empty() ? std::string("(none)") : joined(ids); });
  options_.check.selection.select = std::move(selected);
  options_.check.selection.ignore = std::move(ignored);
  settle_one("fail-on", "--fail-on", arguments_.fail_on, file_ ? &file_->fail_on : nullptr, as_text);
  options_.fail_on = arguments_.fail_on == "never" ? std::nullopt : report::severity_from_string(arguments_.fail_on);
  options_.check.settings.inline_ignores = !arguments_.no_inline_ignores;
}

// What the checked host and installation are like.
void Resolution::settle_host() {
  const auto rc_local_from_file = path_from_file(file_ ? file_->rc_local : std::nullopt);
  const auto dist_from_file = path_from_file(file_ ? file_->dist : std::nullopt);
  settle_one("rc-local", "--rc-local", options_.check.rc_local, &rc_local_from_file, [](const std::string& path) {
    return path.empty() ? std::string("/etc/rc.local for an installation, none for config files") : path;
  });
  options_.rc_local_named = arguments_.given("--rc-local");
  settle_one("dist", "--dist", options_.check.settings.dist, &dist_from_file, as_text);
  settle_one("watchdog-pattern", "--watchdog-pattern", options_.check.settings.watchdog_pattern,
             file_ ? &file_->watchdog_pattern : nullptr, as_text);
  settle_one("offline", "--offline", options_.check.settings.offline, file_ ? &file_->offline : nullptr,
             [](bool offline) { return std::string(offline ? "true" : "false"); });
  const auto as_count = [](const std::optional<std::int64_t>& count) {
    return count ? std::to_string(*count) : std::string("(detected)");
  };
  std::optional<FromFile<std::optional<std::int64_t>>> instances_from_file;
  std::optional<FromFile<std::optional<std::int64_t>>> ulimit_from_file;
  if (file_ && file_->instances) instances_from_file = {{file_->instances->value, file_->instances->line}};
  if (file_ && file_->ulimit) ulimit_from_file = {{file_->ulimit->value, file_->ulimit->line}};
  settle_one("instances", "--instances", options_.check.settings.instances, &instances_from_file, as_count);
  settle_one("ulimit", "--ulimit", options_.check.settings.ulimit, &ulimit_from_file, as_count);
  if (arguments_.given("--max-file-size")) options_.check.max_file_size = *parse_file_size(arguments_.max_file_size);
  settle_one("max-file-size", "--max-file-size", options_.check.max_file_size, file_ ? &file_->max_file_size : nullptr,
             [](std::size_t bytes) { return fmt::format("{} bytes", bytes); });
  // Where EMG writes its logs: --log-dir, else $EMGLOGDIR, else the installation's log/.
  std::string log_dir_source = "command line";
  if (options_.check.log_dir.empty()) {
    options_.check.log_dir = environment_.emglogdir;
    log_dir_source = environment_.emglogdir.empty() ? "default" : "$EMGLOGDIR";
  }
  shown_.push_back(
      {"log-dir", options_.check.log_dir.empty() ? "the installation's log/" : options_.check.log_dir, log_dir_source});
}

// The settings that add up: keywords, severities, per-file ignores.
std::optional<std::string> Resolution::settle_lists() {
  options_.check.settings.known_keywords = declared_keywords(arguments_.known_keywords);
  for (const std::string& spec : arguments_.known_keywords) shown_.push_back({"known-keyword", spec, "command line"});
  if (!file_) return std::nullopt;
  for (const auto& keyword : file_->known_keywords) {
    auto parsed = analysis::parse_declared_keyword(keyword.value);
    if (!parsed.keyword) return fmt::format("{}: {}", place(*file_, keyword.line), parsed.problem);
    options_.check.settings.known_keywords.push_back(std::move(*parsed.keyword));
    shown_.push_back({"known-keyword", keyword.value, place(*file_, keyword.line)});
  }
  for (const auto& adjustment : file_->severity) {
    options_.check.severity_overrides.push_back({adjustment.id, *report::severity_from_string(adjustment.severity)});
    shown_.push_back({"severity." + adjustment.id, adjustment.severity, place(*file_, adjustment.line)});
  }
  std::error_code error;
  const std::string base = std::filesystem::weakly_canonical(file_->directory, error).string();
  for (const auto& per_file : file_->per_file_ignores) {
    options_.check.file_ignores.push_back({per_file.glob, base, per_file.ids});
    shown_.push_back({"per-file-ignores." + per_file.glob, joined(per_file.ids), place(*file_, per_file.line)});
  }
  return std::nullopt;
}

// The PATHs: the command line's, else $EMGDIR, else the file's `emgdir`, else /etc/emg.
void Resolution::settle_paths() {
  if (!options_.paths.empty()) {
    for (const auto& path : options_.paths) shown_.push_back({"path", path, "command line"});
    return;
  }
  std::string emgdir = environment_.emgdir;
  emgdir_source_ = "$EMGDIR";
  if (emgdir.empty() && file_ && file_->emgdir) {
    emgdir = from_settings_directory(*file_, file_->emgdir->value);
    emgdir_source_ = place(*file_, file_->emgdir->line);
  }
  if (emgdir.empty()) {
    emgdir = "/etc/emg";
    emgdir_source_ = "default";
  }
  options_.paths.push_back(emgdir);
  shown_.push_back({"path", emgdir, emgdir_source_});
}

std::optional<std::string> Resolution::settle() {
  options_.fix_mode = arguments_.fix ? FixMode::fix : arguments_.diff ? FixMode::diff : FixMode::none;
  options_.backup = !arguments_.no_backup;
  if (arguments_.phase != "auto") options_.phase = report::phase_from_string(arguments_.phase);
  options_.format = arguments_.format == "json"     ? OutputFormat::json
                    : arguments_.format == "sarif"  ? OutputFormat::sarif
                    : arguments_.format == "github" ? OutputFormat::github
                                                    : OutputFormat::text;
  options_.color = arguments_.color == "always"  ? ColorMode::always
                   : arguments_.color == "never" ? ColorMode::never
                                                 : ColorMode::automatic;
  settle_rules();
  settle_host();
  if (auto problem = settle_lists()) return problem;
  settle_paths();
  shown_.push_back({"settings file", file_ ? file_->path : std::string("(none found)"),
                    arguments_.given("--config") ? "command line" : "searched upward from the first path"});
  return std::nullopt;
}

// What no option parser sees on its own: a boot script named on purpose that
// is not there is a typo, not a finding (only the default /etc/rc.local may be
// missing: EMG604 says so); rule IDs where a PATH goes; a defaulted PATH that
// does not exist.
std::optional<std::string> validate(const CheckOptions& options, const std::string& emgdir_source) {
  std::error_code error;
  if (!options.check.rc_local.empty() && !options.check.no_rc_local &&
      !std::filesystem::exists(options.check.rc_local, error)) {
    return fmt::format("--rc-local {}: no such file", options.check.rc_local);
  }
  // `--select EMG1 EMG2 PATH`: the second word is not a PATH someone meant.
  for (const auto& path : options.paths) {
    if (looks_like_rule_ids(path) && !std::filesystem::exists(path, error)) {
      return fmt::format(
          "`{}` looks like rule IDs, not a PATH: --select and --ignore take one comma list (--select EMG1,EMG2)", path);
    }
  }
  if (!emgdir_source.empty() && !std::filesystem::exists(options.paths.front(), error)) {
    return fmt::format(
        "{}: no such directory; it is the PATH when none is given ({}); name the "
        "installation, as in `emglint check /home/emg/etc`",
        options.paths.front(), emgdir_source == "default" ? "$EMGDIR is unset" : emgdir_source);
  }
  return std::nullopt;
}

}  // namespace

std::variant<ResolvedCheck, std::string> resolve_check_settings(CheckArguments arguments,
                                                                const Environment& environment) {
  auto file = settings_file_of(arguments);
  if (auto* problem = std::get_if<std::string>(&file)) return std::move(*problem);
  Resolution resolution(arguments, std::get<std::optional<ProjectSettings>>(file), environment);
  if (auto problem = resolution.settle()) return std::move(*problem);
  if (auto problem = validate(arguments.options, resolution.emgdir_source())) return std::move(*problem);
  return ResolvedCheck{std::move(arguments.options), std::move(resolution).shown()};
}

}  // namespace emglint::cli
