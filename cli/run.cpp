#include "cli/run.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>

#include "analysis/keywords.h"
#include "check/catalog.h"
#include "cli/project_settings.h"
#include "cli/suggestions.h"
#include "parser/words.h"
#include "reporters/catalog_reporter.h"

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

// For a command line CLI11 refused: the subcommand or option nearest to the
// first word that names none.
std::optional<std::string> nearest_word(CLI::App& app, const std::vector<std::string>& arguments) {
  if (arguments.empty()) return std::nullopt;
  std::vector<std::string> commands;
  CLI::App* chosen = nullptr;
  for (CLI::App* command : app.get_subcommands({})) {
    commands.push_back(command->get_name());
    if (command->get_name() == arguments.front()) chosen = command;
  }
  if (chosen == nullptr) {
    if (arguments.front().starts_with('-')) return std::nullopt;
    return nearest(arguments.front(), commands);
  }
  std::vector<std::string> options;
  for (const CLI::Option* option : chosen->get_options()) {
    for (const auto& name : option->get_lnames()) options.push_back("--" + name);
  }
  for (const auto& argument : arguments) {
    if (!argument.starts_with("--")) continue;
    const std::string name = argument.substr(0, argument.find('='));
    if (std::find(options.begin(), options.end(), name) != options.end()) continue;
    return nearest(name, options);
  }
  return std::nullopt;
}

// The rule ID or name nearest to a word that names no rule, in any case.
std::optional<std::string> nearest_rule(std::string_view word) {
  std::vector<std::string> candidates;
  for (const report::RuleInfo* rule : check::catalog()) {
    candidates.emplace_back(rule->id);
    candidates.emplace_back(rule->name);
  }
  // IDs are upper case and names lower case: `emg2010` is as near to EMG201 as `EMG2010`.
  std::string folded(word);
  const bool id_like = looks_like_rule_ids(word);
  std::transform(folded.begin(), folded.end(), folded.begin(),
                 [&](unsigned char c) { return static_cast<char>(id_like ? std::toupper(c) : std::tolower(c)); });
  return nearest(folded, candidates);
}

// One setting in force, and where it came from, for --show-settings.
struct SettingShown {
  std::string name;
  std::string value;
  std::string source;
};

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

int run(const std::vector<std::string>& arguments, const Environment& environment, std::ostream& out,
        std::ostream& err) {
  CLI::App app{"emglint checks an EMG installation or its server.cfg against the 7.1 to 7.2 upgrade procedure.",
               "emglint"};
  app.set_version_flag("--version", std::string("emglint ") + EMGLINT_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  CheckOptions options;
  std::string phase = "auto";
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> known_keywords;

  CLI::App* check_command = app.add_subcommand("check", "Check installations, config files or config repositories.");
  check_command->add_option("PATH", options.paths,
                            "An installation (a directory with server.cfg), a config file, or a directory searched for "
                            "server.cfg files. Default: $EMGDIR, else /etc/emg.")
      ->type_name("");
  check_command->add_option("--phase", phase, "The phase to check against.")
      ->type_name("PHASE")
      ->check(CLI::IsMember({"auto", "prepare", "start", "downgrade", "commit"}))
      ->capture_default_str();
  check_command
      ->add_option("--format", format,
                   "Output format: text, json, sarif (SARIF 2.1.0 for code scanning) or github (workflow-command "
                   "annotations).")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  check_command->add_option("-o,--output", options.output_file, "Write the report to FILE (atomically).")
      ->type_name("FILE");
  check_command->add_option("--select", select, "Only these rule IDs or prefixes (comma-separated).")
      ->type_name("IDS")
      ->allow_extra_args(false);
  check_command->add_option("--ignore", ignore, "Skip these rule IDs or prefixes (comma-separated).")
      ->type_name("IDS")
      ->allow_extra_args(false);
  check_command->add_option("--fail-on", fail_on, "The lowest severity that makes the exit code 1.")
      ->type_name("SEVERITY")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  check_command->add_option("--color", color, "Colour in text output.")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check_command
      ->add_option("--include", options.include_globs, "In a config repository, also check files matching GLOB (relative to PATH; `*` and `**` span `/`).")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  check_command->add_option("-j,--jobs", options.jobs, "Files checked in parallel (default: the cores).")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u));
  check_command->add_flag("-q,--quiet", options.quiet, "Print findings, and the phase of each target with a finding; no summary.");
  bool fix = false;
  bool diff = false;
  bool no_backup = false;
  check_command->add_flag("--fix", fix, "Apply safe fixes, then report what is left.");
  check_command->add_flag("--unsafe-fixes", options.unsafe_fixes, "With --fix or --diff, unsafe fixes too.");
  check_command->add_flag("--diff", diff,
                          "Print the unified diff and the filesystem actions that --fix would make; change nothing.");
  check_command->add_flag("--no-backup", no_backup, "With --fix, keep no FILE.emglint-bak of a rewritten file.");
  check_command->add_option("--rc-local", options.check.rc_local,
                            "The boot script to check (default: /etc/rc.local for an installation, none otherwise).")
      ->type_name("FILE");
  check_command->add_flag("--no-rc-local", options.check.no_rc_local,
                          "Check no boot script: the host starts the watchdog elsewhere (systemd).");
  check_command->add_option("--pam-dir", options.check.pam_dir,
                            "Where the PAM service files of su are (default: /etc/pam.d).")
      ->type_name("DIR");
  check_command->add_option("--limits-conf", options.check.limits_conf,
                            "The limits file pam_limits reads, with limits.d beside it (default: "
                            "/etc/security/limits.conf).")
      ->type_name("FILE");
  check_command->add_option("--ulimit", options.check.settings.ulimit, "The open-files limit to check against.")
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  check_command
      ->add_option("--nr-open", options.check.settings.nr_open,
                   "The fs.nr_open of the host the boot script runs on: the highest `ulimit -n` Linux allows "
                   "(default: /proc/sys/fs/nr_open, else 1048576).")
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 40));
  check_command
      ->add_option("--instances", options.check.settings.instances,
                   "The total connector instances, where server.cfg does not hold them.")
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  check_command->add_flag("--offline", options.check.settings.offline,
                          "The installation is a copy that does not run here: read no process of this host.");
  check_command->add_flag(
      "--probe-versions", options.check.settings.probe_versions,
      "Run each tool and versioned binary with -v (no shell, stdin closed, 5 s timeout) and compare; with --dist, "
      "also the distribution's emgd, whose answer names the 7.2 copies.");
  check_command->add_option("--dist", options.check.settings.dist, "The unpacked 7.2 distribution.")
      ->type_name("DIR");
  check_command->add_option("--log-dir", options.check.log_dir,
                            "Where EMG writes its logs (default: $EMGLOGDIR, else the installation's log/).")
      ->type_name("DIR");
  check_command
      ->add_option("--max-findings", options.check.settings.max_findings,
                   "At most N findings per rule and file, then one that counts the rest; 0 for no bound.")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  std::string max_file_size;
  check_command
      ->add_option("--max-file-size", max_file_size,
                   "Read no server.cfg or rc.local larger than SIZE: bytes, or a number with K, M or G (binary "
                   "units); a larger one is exit code 2 (default: 256M).")
      ->type_name("SIZE")
      ->check([](const std::string& text) {
        return parse_file_size(text) ? std::string() : std::string("a size from 1 byte to 1T, such as 512M");
      });
  check_command
      ->add_option("--watchdog-pattern", options.check.settings.watchdog_pattern,
                   "Text that marks the line of rc.local starting the EMG watchdog.")
      ->type_name("TEXT")
      ->capture_default_str();

  check_command->add_option("--baseline", options.baseline,
                            "Report the findings recorded in FILE as suppressed; only new ones count.")
      ->type_name("FILE");
  check_command->add_option("--write-baseline", options.write_baseline,
                            "Record today's findings in FILE (atomically), to adopt them with --baseline FILE.")
      ->type_name("FILE");
  std::string settings_file;
  check_command->add_option("--config", settings_file,
                            "The settings file (default: .emglint.toml found upward from the first PATH).")
      ->type_name("FILE");
  bool show_settings = false;
  check_command->add_flag("--show-settings", show_settings,
                          "Print every setting in force and where it came from, then stop.");
  bool no_inline_ignores = false;
  check_command->add_flag("--no-inline-ignores", no_inline_ignores,
                          "Make every `# emglint: ignore` comment inert (a strict gate).");
  check_command
      ->add_option("--known-keyword", known_keywords,
                   "SCOPE:NAME: take NAME as a keyword EMG knows in SCOPE (general, connector, db, plugin or "
                   "connectorgroup), with any value; repeatable.")
      ->type_name("SCOPE:NAME")
      ->allow_extra_args(false);

  std::string format_of_rules = "text";
  CLI::App* rules_command = app.add_subcommand("rules", "List the rule catalog.");
  rules_command->add_option("--format", format_of_rules, "Output format.")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  std::string explained;
  CLI::App* explain = app.add_subcommand("explain", "Print a rule's page.");
  explain->add_option("RULE", explained, "A rule's ID or name, such as EMG201 or dlr-to-same-ip-too-early.")
      ->required();

  if (arguments.empty()) {
    out << app.help();
    return exit_code::trouble;
  }
  try {
    std::vector<std::string> reversed(arguments.rbegin(), arguments.rend());
    app.parse(reversed);

    if (*rules_command) {
      const auto catalog = check::catalog();
      if (format_of_rules == "json") {
        reporters::write_rules_json(out, catalog);
      } else {
        reporters::write_rules_text(out, catalog);
      }
      return exit_code::clean;
    }
    if (*explain) {
      const report::RuleInfo* rule = check::find_rule(explained);
      if (rule == nullptr) {
        if (auto hint = nearest_rule(explained)) {
          err << fmt::format("emglint: no rule `{}`; did you mean `{}`?\n(`emglint rules` lists them)\n", explained,
                             *hint);
        } else {
          err << fmt::format("emglint: no rule `{}`; `emglint rules` lists them\n", explained);
        }
        return exit_code::trouble;
      }
      out << check::page_of(rule->id);
      return exit_code::clean;
    }

    if (fix && diff) throw CLI::ValidationError("--diff", "shows what --fix would do; give one of them");
    if (options.unsafe_fixes && !fix && !diff) throw CLI::ValidationError("--unsafe-fixes", "needs --fix or --diff");
    if (no_backup && !fix) throw CLI::ValidationError("--no-backup", "needs --fix");
    if (diff && format != "text") throw CLI::ValidationError("--diff", "prints a patch; it takes no --format");
    options.fix_mode = fix ? FixMode::fix : diff ? FixMode::diff : FixMode::none;
    options.backup = !no_backup;
    // The settings file, found upward from the first PATH (or the working
    // directory), under every option given on the command line.
    std::optional<ProjectSettings> file;
    if (settings_file.empty()) {
      settings_file = find_project_settings(options.paths.empty() ? "." : options.paths.front());
    }
    if (!settings_file.empty()) {
      ProjectSettingsRead read = read_project_settings(settings_file);
      if (!read.settings) {
        err << "emglint: " << read.problem << '\n';
        return exit_code::trouble;
      }
      file = std::move(read.settings);
    }
    std::vector<SettingShown> shown;
    const auto given = [&](const char* option) { return check_command->count(option) > 0; };
    // Each setting: the command line's, else the file's, else the default, and where it came from.
    const auto settle = [&]<typename T>(const char* name, const char* option, T& value,
                                        const std::optional<FromFile<T>>* from_file, const auto& show) {
      std::string source = "default";
      if (given(option)) {
        source = "command line";
      } else if (file && from_file != nullptr && *from_file) {
        value = (*from_file)->value;
        source = place(*file, (*from_file)->line);
      }
      shown.push_back({name, show(value), source});
    };
    const auto as_text = [](const std::string& text) { return text.empty() ? std::string("(none)") : text; };
    const auto as_list = [](const std::vector<std::string>& ids) {
      return ids.empty() ? std::string("(all)") : joined(ids);
    };
    std::vector<std::string> selected = split_ids(select);
    std::vector<std::string> ignored = split_ids(ignore);
    require_known_ids(selected, "--select");
    require_known_ids(ignored, "--ignore");
    settle("select", "--select", selected, file ? &file->select : nullptr, as_list);
    settle("ignore", "--ignore", ignored,
           file ? &file->ignore : nullptr, [](const std::vector<std::string>& ids) {
             return ids.empty() ? std::string("(none)") : joined(ids);
           });
    options.check.selection.select = selected;
    options.check.selection.ignore = ignored;
    settle("fail-on", "--fail-on", fail_on, file ? &file->fail_on : nullptr, as_text);
    std::optional<FromFile<std::string>> rc_local_from_file;
    std::optional<FromFile<std::string>> dist_from_file;
    if (file && file->rc_local) rc_local_from_file = {{from_settings_directory(*file, file->rc_local->value), file->rc_local->line}};
    if (file && file->dist) dist_from_file = {{from_settings_directory(*file, file->dist->value), file->dist->line}};
    settle("rc-local", "--rc-local", options.check.rc_local, &rc_local_from_file, [](const std::string& path) {
      return path.empty() ? std::string("/etc/rc.local for an installation, none for config files") : path;
    });
    settle("dist", "--dist", options.check.settings.dist, &dist_from_file, as_text);
    settle("watchdog-pattern", "--watchdog-pattern", options.check.settings.watchdog_pattern,
           file ? &file->watchdog_pattern : nullptr, as_text);
    settle("offline", "--offline", options.check.settings.offline, file ? &file->offline : nullptr,
           [](bool offline) { return std::string(offline ? "true" : "false"); });
    const auto as_count = [](const std::optional<std::int64_t>& count) {
      return count ? std::to_string(*count) : std::string("(detected)");
    };
    std::optional<FromFile<std::optional<std::int64_t>>> instances_from_file;
    std::optional<FromFile<std::optional<std::int64_t>>> ulimit_from_file;
    if (file && file->instances) instances_from_file = {{file->instances->value, file->instances->line}};
    if (file && file->ulimit) ulimit_from_file = {{file->ulimit->value, file->ulimit->line}};
    settle("instances", "--instances", options.check.settings.instances, &instances_from_file, as_count);
    settle("ulimit", "--ulimit", options.check.settings.ulimit, &ulimit_from_file, as_count);
    if (given("--max-file-size")) options.check.max_file_size = *parse_file_size(max_file_size);
    settle("max-file-size", "--max-file-size", options.check.max_file_size, file ? &file->max_file_size : nullptr,
           [](std::size_t bytes) { return fmt::format("{} bytes", bytes); });

    options.check.settings.known_keywords = declared_keywords(known_keywords);
    for (const std::string& spec : known_keywords) shown.push_back({"known-keyword", spec, "command line"});
    if (file) {
      for (const auto& keyword : file->known_keywords) {
        auto parsed = analysis::parse_declared_keyword(keyword.value);
        if (!parsed.keyword) {
          err << fmt::format("emglint: {}: {}\n", place(*file, keyword.line), parsed.problem);
          return exit_code::trouble;
        }
        options.check.settings.known_keywords.push_back(std::move(*parsed.keyword));
        shown.push_back({"known-keyword", keyword.value, place(*file, keyword.line)});
      }
      std::error_code error;
      const std::string base = std::filesystem::weakly_canonical(file->directory, error).string();
      for (const auto& adjustment : file->severity) {
        options.check.severity_overrides.push_back(
            {adjustment.id, *report::severity_from_string(adjustment.severity)});
        shown.push_back({"severity." + adjustment.id, adjustment.severity, place(*file, adjustment.line)});
      }
      for (const auto& per_file : file->per_file_ignores) {
        options.check.file_ignores.push_back({per_file.glob, base, per_file.ids});
        shown.push_back({"per-file-ignores." + per_file.glob, joined(per_file.ids), place(*file, per_file.line)});
      }
    }
    std::string emgdir = environment.emgdir;
    std::string emgdir_source = "$EMGDIR";
    if (emgdir.empty() && file && file->emgdir) {
      emgdir = from_settings_directory(*file, file->emgdir->value);
      emgdir_source = place(*file, file->emgdir->line);
    }
    if (emgdir.empty()) {
      emgdir = "/etc/emg";
      emgdir_source = "default";
    }
    const bool paths_defaulted = options.paths.empty();
    if (paths_defaulted) {
      options.paths.push_back(emgdir);
      shown.push_back({"path", emgdir, emgdir_source});
    } else {
      for (const auto& path : options.paths) shown.push_back({"path", path, "command line"});
    }
    options.check.settings.inline_ignores = !no_inline_ignores;
    options.rc_local_named = given("--rc-local");
    shown.push_back({"settings file", file ? file->path : std::string("(none found)"),
                     given("--config") ? "command line" : "searched upward from the first path"});

    if (options.check.no_rc_local && given("--rc-local")) {
      throw CLI::ValidationError("--no-rc-local", "and --rc-local FILE contradict each other");
    }
    // A boot script named on purpose that is not there is a typo, not a finding;
    // only the default /etc/rc.local may be missing (EMG604 says so).
    if (!options.check.rc_local.empty() && !options.check.no_rc_local) {
      std::error_code error;
      if (!std::filesystem::exists(options.check.rc_local, error)) {
        err << fmt::format("emglint: --rc-local {}: no such file\n", options.check.rc_local);
        return exit_code::trouble;
      }
    }
    // `--select EMG1 EMG2 PATH`: the second word is not a PATH someone meant.
    for (const auto& path : options.paths) {
      std::error_code error;
      if (looks_like_rule_ids(path) && !std::filesystem::exists(path, error)) {
        err << fmt::format(
            "emglint: `{}` looks like rule IDs, not a PATH: --select and --ignore take one comma list "
            "(--select EMG1,EMG2)\n",
            path);
        return exit_code::trouble;
      }
    }
    if (paths_defaulted) {
      std::error_code error;
      if (!std::filesystem::exists(options.paths.front(), error)) {
        err << fmt::format("emglint: {}: no such directory; it is the PATH when none is given ({}); name the "
                           "installation, as in `emglint check /home/emg/etc`\n",
                           options.paths.front(), emgdir_source == "default" ? "$EMGDIR is unset" : emgdir_source);
        return exit_code::trouble;
      }
    }
    if (show_settings) {
      for (const auto& setting : shown) {
        out << fmt::format("{} = {}  # {}\n", setting.name, setting.value, setting.source);
      }
      return exit_code::clean;
    }
    if (phase != "auto") options.phase = report::phase_from_string(phase);
    options.format = format == "json"     ? OutputFormat::json
                     : format == "sarif"  ? OutputFormat::sarif
                     : format == "github" ? OutputFormat::github
                                          : OutputFormat::text;
    options.fail_on = fail_on == "never" ? std::nullopt : report::severity_from_string(fail_on);
    options.color = color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
    return run_check(std::move(options), environment, out, err);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error, out, err) == 0 ? exit_code::clean : exit_code::trouble;
    err << "emglint: " << error.what();
    if (auto hint = nearest_word(app, arguments)) err << "; did you mean `" << *hint << "`?";
    err << "\n(`emglint --help` and `emglint check --help` list what there is)\n";
    return exit_code::trouble;
  } catch (const std::exception& error) {
    err << "emglint: internal error: " << error.what() << '\n';
    return exit_code::trouble;
  }
}

}  // namespace emglint::cli
