#include "cli/merge_command.h"

#include <fmt/format.h>

#include <sstream>

#include "cli/check_command.h"
#include "fix/atomic_file.h"
#include "inspect/file_reader.h"
#include "merge/outputs.h"

namespace emglint::cli {

CLI::App* add_merge_command(CLI::App& app, MergeArguments& arguments) {
  CLI::App* merge_command = app.add_subcommand(
      "merge", "Merge the JSON reports or SARIF logs of several hosts (`emglint check --host NAME`) into one.");
  arguments.command = merge_command;
  merge_command
      ->add_option("REPORT", arguments.reports,
                   "A host's report: its host is the one it records, else its file's name without .json or .sarif.")
      ->type_name("");
  merge_command
      ->add_option("--format", arguments.format,
                   "Output format: text (a table of the hosts; reads JSON reports or SARIF logs), json (reads JSON "
                   "reports) or sarif (reads SARIF logs).")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  merge_command->add_option("-o,--output", arguments.output_file, "Write the merged report to FILE (atomically).")
      ->type_name("FILE");
  merge_command
      ->add_option("--expect-hosts", arguments.expect_hosts,
                   "The hosts that should have sent a report, one a line (`#` comments): one that did not is missing.")
      ->type_name("FILE");
  merge_command
      ->add_option("--fail-on", arguments.fail_on,
                   "The lowest severity of a host's finding that makes the exit code 1.")
      ->type_name("SEVERITY")
      ->check(CLI::IsMember(fail_on_choices))
      ->capture_default_str();
  merge_command
      ->add_option("--sarif-runs", arguments.sarif_runs,
                   "With --format sarif: one run for the fleet, or one run per host (emglint/PHASE/HOST/).")
      ->type_name("RUNS")
      ->check(CLI::IsMember({"single", "per-host"}))
      ->capture_default_str();
  return merge_command;
}

void require_compatible(const MergeArguments& arguments) {
  if (arguments.reports.empty() && arguments.expect_hosts.empty()) {
    throw CLI::ValidationError("REPORT", "name the reports to merge (or --expect-hosts FILE, when none came)");
  }
  if (arguments.command->count("--sarif-runs") > 0 && arguments.format != "sarif") {
    throw CLI::ValidationError("--sarif-runs", "needs --format sarif");
  }
}

int run_merge(const MergeArguments& arguments, std::ostream& out, std::ostream& err) {
  std::optional<std::vector<std::string>> expected;
  if (!arguments.expect_hosts.empty()) {
    auto text = inspect::read_text_file(arguments.expect_hosts);
    if (auto* error = std::get_if<inspect::ReadError>(&text)) {
      err << fmt::format("emglint: {}: {}\n", arguments.expect_hosts, error->message);
      return exit_code::trouble;
    }
    merge::ExpectedHosts parsed = merge::parse_expected_hosts(std::get<std::string>(text));
    if (!parsed.problem.empty()) {
      err << fmt::format("emglint: {}: {}\n", arguments.expect_hosts, parsed.problem);
      return exit_code::trouble;
    }
    expected = std::move(parsed.names);
  }

  std::vector<merge::HostReport> reports;
  for (const std::string& path : arguments.reports) {
    merge::ReportFile file{.path = path};
    auto text = inspect::read_text_file(path);
    if (auto* error = std::get_if<inspect::ReadError>(&text)) {
      file.read_error = error->message;
    } else {
      file.bytes = std::move(std::get<std::string>(text));
    }
    reports.push_back(merge::read_host_report(file));
  }
  const merge::OutputFormat format = arguments.format == "json"    ? merge::OutputFormat::json
                                     : arguments.format == "sarif" ? merge::OutputFormat::sarif
                                                                   : merge::OutputFormat::text;
  const merge::Fleet fleet = merge::merge_reports(std::move(reports), format, expected);
  for (const merge::HostReport& host : fleet.hosts) {
    if (host.status == merge::HostStatus::missing) err << fmt::format("emglint: {}: sent no report\n", host.host);
    if (host.status == merge::HostStatus::error) err << fmt::format("emglint: {}: {}\n", host.host, host.error);
  }
  const std::optional<report::Severity> fail_on = report::severity_from_string(arguments.fail_on);  // never: nullopt
  const int code = merge::incomplete(fleet)       ? exit_code::trouble
                   : merge::fails(fleet, fail_on) ? exit_code::findings
                                                  : exit_code::clean;

  const auto render = [&](std::ostream& to) {
    switch (format) {
      case merge::OutputFormat::json: merge::write_json(to, fleet, EMGLINT_VERSION); break;
      case merge::OutputFormat::sarif:
        merge::write_sarif(to, fleet,
                           {.per_host = arguments.sarif_runs == "per-host",
                            .tool_version = EMGLINT_VERSION,
                            .information_uri = EMGLINT_HOMEPAGE_URL});
        break;
      case merge::OutputFormat::text: merge::write_text(to, fleet); break;
    }
  };
  if (arguments.output_file.empty()) {
    render(out);
  } else if (auto error = fix::write_file_atomically(arguments.output_file, render)) {
    err << "emglint: cannot write the merged report: " << *error << '\n';
    return exit_code::trouble;
  }
  return code;
}

}  // namespace emglint::cli
