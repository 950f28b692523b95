#include "cli/check_arguments.h"

#include <cstdint>

#include "cli/project_settings.h"
#include "merge/host_name.h"

namespace emglint::cli {

CLI::App* add_check_command(CLI::App& app, CheckArguments& arguments) {
  CheckOptions& options = arguments.options;
  CLI::App* check_command = app.add_subcommand("check", "Check installations, config files or config repositories.");
  arguments.command = check_command;
  check_command
      ->add_option("PATH", options.paths,
                   "An installation (a directory with server.cfg), a config file, or a directory searched for "
                   "server.cfg files. Default: $EMGDIR, else /etc/emg.")
      ->type_name("");
  check_command->add_option("--phase", arguments.phase, "The phase to check against.")
      ->type_name("PHASE")
      ->check(CLI::IsMember({"auto", "prepare", "start", "downgrade", "commit"}))
      ->capture_default_str();
  check_command
      ->add_option("--format", arguments.format,
                   "Output format: text, json, sarif (SARIF 2.1.0 for code scanning) or github (workflow-command "
                   "annotations).")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  check_command->add_option("-o,--output", options.output_file, "Write the report to FILE (atomically).")
      ->type_name("FILE");
  check_command->add_option("--select", arguments.select, "Only these rule IDs or prefixes (comma-separated).")
      ->type_name("IDS")
      ->allow_extra_args(false);
  check_command->add_option("--ignore", arguments.ignore, "Skip these rule IDs or prefixes (comma-separated).")
      ->type_name("IDS")
      ->allow_extra_args(false);
  check_command->add_option("--fail-on", arguments.fail_on, "The lowest severity that makes the exit code 1.")
      ->type_name("SEVERITY")
      ->check(CLI::IsMember(fail_on_choices))
      ->capture_default_str();
  check_command->add_option("--color", arguments.color, "Colour in text output.")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  check_command
      ->add_option("--include", options.include_globs,
                   "In a config repository, also check files matching GLOB (relative to PATH; `*` and `**` span `/`).")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  check_command->add_option("-j,--jobs", options.jobs, "Files checked in parallel (default: the cores).")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u));
  check_command->add_flag("-q,--quiet", options.quiet,
                          "Print findings, and the phase of each target with a finding; no summary.");
  check_command->add_flag("--fix", arguments.fix, "Apply safe fixes, then report what is left.");
  check_command->add_flag("--unsafe-fixes", options.unsafe_fixes, "With --fix or --diff, unsafe fixes too.");
  check_command->add_flag("--diff", arguments.diff,
                          "Print the unified diff and the filesystem actions that --fix would make; change nothing.");
  check_command->add_flag("--no-backup", arguments.no_backup,
                          "With --fix, keep no FILE.emglint-bak of a rewritten file.");
  check_command
      ->add_option("--rc-local", options.check.rc_local,
                   "The boot script to check (default: /etc/rc.local for an installation, none otherwise).")
      ->type_name("FILE");
  check_command->add_flag("--no-rc-local", options.check.no_rc_local,
                          "Check no boot script: the host starts the watchdog elsewhere (systemd).");
  check_command
      ->add_option("--pam-dir", options.check.pam_dir, "Where the PAM service files of su are (default: /etc/pam.d).")
      ->type_name("DIR");
  check_command
      ->add_option("--limits-conf", options.check.limits_conf,
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
  check_command->add_option("--dist", options.check.settings.dist, "The unpacked 7.2 distribution.")->type_name("DIR");
  check_command
      ->add_option("--log-dir", options.check.log_dir,
                   "Where EMG writes its logs (default: $EMGLOGDIR, else the installation's log/).")
      ->type_name("DIR");
  check_command
      ->add_option("--max-findings", options.check.settings.max_findings,
                   "At most N findings per rule and file, then one that counts the rest; 0 for no bound.")
      ->type_name("N")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  check_command
      ->add_option("--max-file-size", arguments.max_file_size,
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

  check_command
      ->add_option("--baseline", options.baseline,
                   "Report the findings recorded in FILE as suppressed; only new ones count.")
      ->type_name("FILE");
  check_command
      ->add_option("--write-baseline", options.write_baseline,
                   "Record today's findings in FILE (atomically), to adopt them with --baseline FILE.")
      ->type_name("FILE");
  check_command
      ->add_option("--host", options.host,
                   "Record NAME in the report as the host it is of, for `emglint merge` (JSON: `host`, with "
                   "`exit_code` and `problems`; SARIF: the invocation's `machine`).")
      ->type_name("NAME")
      ->check([](const std::string& name) { return merge::host_name_problem(name).value_or(std::string()); });
  check_command
      ->add_option("--config", arguments.settings_file,
                   "The settings file (default: .emglint.toml found upward from the first PATH).")
      ->type_name("FILE");
  check_command->add_flag("--show-settings", arguments.show_settings,
                          "Print every setting in force and where it came from, then stop.");
  check_command->add_flag("--no-inline-ignores", arguments.no_inline_ignores,
                          "Make every `# emglint: ignore` comment inert (a strict gate).");
  check_command
      ->add_option("--known-keyword", arguments.known_keywords,
                   "SCOPE:NAME: take NAME as a keyword EMG knows in SCOPE (general, connector, db, plugin or "
                   "connectorgroup), with any value; repeatable.")
      ->type_name("SCOPE:NAME")
      ->allow_extra_args(false);
  return check_command;
}

void require_compatible(const CheckArguments& arguments) {
  const bool fix = arguments.fix;
  const bool diff = arguments.diff;
  if (fix && diff) throw CLI::ValidationError("--diff", "shows what --fix would do; give one of them");
  if (arguments.options.unsafe_fixes && !fix && !diff) {
    throw CLI::ValidationError("--unsafe-fixes", "needs --fix or --diff");
  }
  if (arguments.no_backup && !fix) throw CLI::ValidationError("--no-backup", "needs --fix");
  if (diff && arguments.format != "text") throw CLI::ValidationError("--diff", "prints a patch; it takes no --format");
  if (arguments.options.check.no_rc_local && arguments.given("--rc-local")) {
    throw CLI::ValidationError("--no-rc-local", "and --rc-local FILE contradict each other");
  }
}

}  // namespace emglint::cli
