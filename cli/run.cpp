#include "cli/run.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <exception>
#include <map>

#include "analysis/keywords.h"
#include "check/catalog.h"
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
                            "server.cfg files. Default: $EMGDIR, else /etc/emg.");
  check_command->add_option("--phase", phase, "The phase to check against.")
      ->check(CLI::IsMember({"auto", "prepare", "start", "downgrade", "commit"}))
      ->capture_default_str();
  check_command->add_option("--format", format, "Output format.")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check_command->add_option("-o,--output", options.output_file, "Write the report to FILE (atomically).");
  check_command->add_option("--select", select, "Only these rule IDs or prefixes (comma-separated).")
      ->allow_extra_args(false);
  check_command->add_option("--ignore", ignore, "Skip these rule IDs or prefixes (comma-separated).")
      ->allow_extra_args(false);
  check_command->add_option("--fail-on", fail_on, "The lowest severity that makes the exit code 1.")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))
      ->capture_default_str();
  check_command->add_option("--color", color, "Colour in text output.")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check_command
      ->add_option("--include", options.include_globs, "In a config repository, also check files matching GLOB.")
      ->allow_extra_args(false);
  check_command->add_option("-j,--jobs", options.jobs, "Files checked in parallel (default: the cores).")
      ->check(CLI::Range(1u, 256u));
  check_command->add_flag("-q,--quiet", options.quiet, "Print findings only, no summary.");
  check_command->add_option("--rc-local", options.check.rc_local,
                            "The boot script to check (default: /etc/rc.local for an installation, none otherwise).");
  check_command->add_option("--pam-dir", options.check.pam_dir,
                            "Where the PAM service files of su are (default: /etc/pam.d).");
  check_command->add_option("--limits-conf", options.check.limits_conf,
                            "The limits file pam_limits reads, with limits.d beside it (default: "
                            "/etc/security/limits.conf).");
  check_command->add_option("--ulimit", options.check.settings.ulimit, "The open-files limit to check against.")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  check_command
      ->add_option("--instances", options.check.settings.instances,
                   "The total connector instances, where server.cfg does not hold them.")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 40));
  check_command->add_flag(
      "--probe-versions", options.check.settings.probe_versions,
      "Run each tool and versioned binary with -v (no shell, stdin closed, 5 s timeout) and compare.");
  check_command->add_option("--dist", options.check.settings.dist, "The unpacked 7.2 distribution.");
  check_command->add_option("--log-dir", options.check.log_dir,
                            "Where EMG writes its logs (default: $EMGLOGDIR, else the installation's log/).");
  check_command
      ->add_option("--max-findings", options.check.settings.max_findings,
                   "At most N findings per rule and file, then one that counts the rest; 0 for no bound.")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  check_command
      ->add_option("--watchdog-pattern", options.check.settings.watchdog_pattern,
                   "Text that marks the line of rc.local starting the EMG watchdog.")
      ->capture_default_str();

  check_command
      ->add_option("--known-keyword", known_keywords,
                   "SCOPE:NAME: take NAME as a keyword EMG knows in SCOPE (general, connector, db, plugin or "
                   "connectorgroup), with any value; repeatable.")
      ->allow_extra_args(false);

  std::string format_of_rules = "text";
  CLI::App* rules_command = app.add_subcommand("rules", "List the rule catalog.");
  rules_command->add_option("--format", format_of_rules, "Output format.")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  std::string explained;
  CLI::App* explain = app.add_subcommand("explain", "Print a rule's page.");
  explain->add_option("ID", explained, "A rule ID such as EMG201.")->required();

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
        err << fmt::format("emglint: no rule `{}`; `emglint rules` lists them\n", explained);
        return exit_code::trouble;
      }
      out << check::page_of(rule->id);
      return exit_code::clean;
    }

    options.check.selection.select = split_ids(select);
    options.check.selection.ignore = split_ids(ignore);
    require_known_ids(options.check.selection.select, "--select");
    require_known_ids(options.check.selection.ignore, "--ignore");
    options.check.settings.known_keywords = declared_keywords(known_keywords);
    if (phase != "auto") options.phase = report::phase_from_string(phase);
    options.format = format == "json" ? OutputFormat::json : OutputFormat::text;
    options.fail_on = fail_on == "never" ? std::nullopt : report::severity_from_string(fail_on);
    options.color = color == "always" ? ColorMode::always : color == "never" ? ColorMode::never : ColorMode::automatic;
    return run_check(std::move(options), environment, out, err);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error, out, err);
    return code == 0 ? exit_code::clean : exit_code::trouble;
  } catch (const std::exception& error) {
    err << "emglint: internal error: " << error.what() << '\n';
    return exit_code::trouble;
  }
}

}  // namespace emglint::cli
