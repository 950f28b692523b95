#include "cli/check_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <sstream>
#include <thread>
#include <variant>

#include "cli/targets.h"
#include "fix/atomic_file.h"
#include "inspect/file_reader.h"
#include "inspect/installation.h"
#include "inspect/rc_local_facts.h"
#include "parser/config_parser.h"
#include "reporters/json_reporter.h"
#include "reporters/text_reporter.h"
#include "rules/open_files.h"
#include "rules/phase_detection.h"

namespace emglint::cli {

namespace {

constexpr std::string_view default_rc_local = "/etc/rc.local";

// Everything one target yields; targets are checked independently, in parallel.
struct TargetResult {
  rules::TargetReport report;
  std::vector<rules::Finding> findings;
  std::vector<std::string> problems;  // each is worth exit code 2
  bool checked = false;
};

TargetResult check_target(const TargetSpec& spec, const CheckOptions& options) {
  TargetResult result;
  result.report.path = spec.path;
  result.report.kind = spec.kind;

  auto content = inspect::read_text_file(spec.config_path);
  if (auto* error = std::get_if<inspect::ReadError>(&content)) {
    result.problems.push_back(fmt::format("{}: {}", spec.config_path, error->message));
    return result;
  }
  const config::ConfigModel config = config::parse_config(std::get<std::string>(std::move(content)), spec.config_file);

  std::optional<inspect::Installation> installation;
  if (spec.kind == rules::TargetKind::installation) {
    installation = inspect::inspect_installation(spec.path, {.probe_versions = options.settings.probe_versions,
                                                             .log_dir = options.log_dir,
                                                             .dist = options.settings.dist});
    for (const auto& problem : installation->problems) result.problems.push_back(problem);
  }
  const inspect::Installation* facts = installation ? &*installation : nullptr;

  // The boot script: the one named, else the system's for an installation.
  std::optional<inspect::RcLocalFacts> rc_local;
  if (!options.rc_local.empty()) {
    rc_local = inspect::inspect_rc_local(options.rc_local);
  } else if (installation) {
    rc_local = inspect::inspect_rc_local(std::string(default_rc_local));
  }
  if (rc_local && !rc_local->read_error.empty()) {
    result.problems.push_back(fmt::format("{}: {}", rc_local->path, rc_local->read_error));
  }

  rules::PhaseDecision phase;
  if (options.phase) {
    phase.requested = options.phase;
    phase.effective = *options.phase;
    phase.evidence.push_back("--phase " + std::string(rules::to_string(*options.phase)));
  } else {
    phase = rules::detect_phase(config, spec.config_file, facts);
  }
  result.report.phase = phase;
  result.report.facts = rules::compute_facts(config, options.settings, facts, rc_local ? &*rc_local : nullptr);

  const rules::CheckContext context{.config = config,
                                    .config_file = spec.config_file,
                                    .phase = phase,
                                    .settings = options.settings,
                                    .facts = result.report.facts,
                                    .installation = facts,
                                    .rc_local = rc_local ? &*rc_local : nullptr};
  result.findings = rules::run_rules(context, options.selection);
  result.checked = true;
  return result;
}

std::vector<TargetResult> check_all(const std::vector<TargetSpec>& specs, const CheckOptions& options) {
  std::vector<TargetResult> results(specs.size());
  unsigned workers = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min<unsigned>(workers, static_cast<unsigned>(specs.size()));
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t index = next++; index < specs.size(); index = next++) {
      // An exception must not cross the thread: it becomes that target's problem.
      try {
        results[index] = check_target(specs[index], options);
      } catch (const std::exception& error) {
        results[index] = {};
        results[index].problems.push_back(fmt::format("{}: internal error: {}", specs[index].path, error.what()));
      }
    }
  };
  if (workers <= 1) {
    work();
    return results;
  }
  std::vector<std::jthread> threads;
  for (unsigned i = 0; i < workers; ++i) threads.emplace_back(work);
  threads.clear();  // joins
  return results;
}

bool use_color(const CheckOptions& options, const Environment& environment) {
  switch (options.color) {
    case ColorMode::always: return true;
    case ColorMode::never: return false;
    case ColorMode::automatic:
      return options.output_file.empty() && environment.stdout_is_terminal && !environment.no_color;
  }
  return false;
}

}  // namespace

int run_check(CheckOptions options, const Environment& environment, std::ostream& out, std::ostream& err) {
  if (options.paths.empty()) options.paths.push_back(environment.emgdir.empty() ? "/etc/emg" : environment.emgdir);
  if (options.log_dir.empty()) options.log_dir = environment.emglogdir;

  Discovery discovery = discover_targets(options.paths, options.include_globs);
  std::vector<std::string> problems = std::move(discovery.errors);
  std::vector<TargetResult> results = check_all(discovery.targets, options);

  rules::Report report;
  for (auto& result : results) {
    for (auto& problem : result.problems) problems.push_back(std::move(problem));
    if (!result.checked) continue;
    const std::size_t index = report.targets.size();
    report.targets.push_back(std::move(result.report));
    for (auto& finding : result.findings) report.findings.push_back({index, std::move(finding)});
  }
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [&](const rules::ReportedFinding& a, const rules::ReportedFinding& b) {
                     return report.targets[a.target].path < report.targets[b.target].path;
                   });
  report.problems = problems;
  for (const auto& problem : problems) err << "emglint: " << problem << '\n';

  std::ostringstream rendered;
  if (options.format == OutputFormat::json) {
    reporters::write_json(rendered, report, EMGLINT_VERSION);
  } else {
    reporters::write_text(rendered, report, {.color = use_color(options, environment), .quiet = options.quiet});
  }
  if (options.output_file.empty()) {
    out << rendered.str();
  } else if (auto error = fix::write_file_atomically(options.output_file, rendered.str())) {
    err << "emglint: cannot write the report: " << *error << '\n';
    return exit_code::trouble;
  }

  if (!problems.empty()) return exit_code::trouble;
  const bool failing = options.fail_on && std::any_of(report.findings.begin(), report.findings.end(), [&](const auto& r) {
                         return r.finding.severity >= *options.fail_on;
                       });
  return failing ? exit_code::findings : exit_code::clean;
}

}  // namespace emglint::cli
