#include "cli/plan_command.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <variant>
#include <vector>

#include "cli/check_arguments.h"
#include "cli/check_settings.h"
#include "cli/targets.h"
#include "plan/status.h"
#include "report/printable.h"

namespace emglint::cli {

namespace {

using plan::StepState;
using plan::StepStatus;
using report::Phase;
using report::printable;

// The phase that follows `phase` in the procedure: a downgrade goes back to
// 7.2 (start); after the commit there is none.
Phase next_phase(Phase phase) {
  switch (phase) {
    case Phase::prepare: return Phase::start;
    case Phase::start: return Phase::commit;
    case Phase::downgrade: return Phase::start;
    case Phase::commit: return Phase::commit;
  }
  return Phase::commit;
}

struct PhasePlan {
  Phase phase;
  std::vector<StepState> steps;
};

struct Plan {
  report::TargetReport detected;  // checked in the phase its signs give
  std::vector<report::TargetReport> reports;  // the reports the steps point into
  std::vector<PhasePlan> phases;
};

// The one target's report, checked as `check PATH [--phase PHASE]` would check it.
std::variant<report::TargetReport, std::string> checked(const PlanArguments& arguments,
                                                         std::optional<Phase> phase,
                                                         const Environment& environment) {
  std::vector<std::string> words = {"check"};
  if (!arguments.path.empty()) words.push_back(arguments.path);
  if (phase) words.insert(words.end(), {"--phase", std::string(report::to_string(*phase))});
  if (!arguments.rc_local.empty()) words.insert(words.end(), {"--rc-local", arguments.rc_local});
  if (arguments.no_rc_local) words.emplace_back("--no-rc-local");
  if (!arguments.dist.empty()) words.insert(words.end(), {"--dist", arguments.dist});
  if (arguments.probe_versions) words.emplace_back("--probe-versions");
  if (arguments.offline) words.emplace_back("--offline");
  CLI::App app;
  CheckArguments check_arguments;
  add_check_command(app, check_arguments);
  std::vector<std::string> reversed(words.rbegin(), words.rend());
  app.parse(reversed);
  require_compatible(check_arguments);
  auto resolved = resolve_check_settings(std::move(check_arguments), environment);
  if (auto* problem = std::get_if<std::string>(&resolved)) return *problem;
  const CheckOptions& options = std::get<ResolvedCheck>(resolved).options;
  Discovery discovery = discover_targets(options.paths, options.include_globs);
  if (!discovery.errors.empty()) return discovery.errors.front();
  if (discovery.targets.size() != 1) {
    return fmt::format("plan needs one installation or server.cfg; {} holds {} configs",
                       options.paths.empty() ? std::string(".") : options.paths.front(), discovery.targets.size());
  }
  check::TargetInput input = check::load_target(discovery.targets.front(), options.check);
  // As check makes them exit code 2: a boot script or a file of bin/ that
  // cannot be read is not a step left undone.
  if (!input.problems.empty()) return input.problems.front();
  if (!input.readable) return std::string("the target cannot be read");
  return check::check_target(std::move(input), options.check, options.phase);
}

// As text and markdown show a status: JSON's `manual` reads `by hand`.
std::string_view label(StepStatus status) { return status == StepStatus::manual ? "by hand" : to_string(status); }

std::string where(const report::TargetReport& report, const report::Finding& finding) {
  const std::string& path = report.files[finding.file].display;
  return finding.span ? fmt::format("{}:{}", path, finding.span->line) : path;
}

struct Counts {
  std::size_t done = 0, todo = 0, blocked = 0, manual = 0;
};

Counts count(const Plan& plan) {
  Counts counts;
  for (const PhasePlan& phase : plan.phases) {
    for (const StepState& step : phase.steps) {
      switch (step.status) {
        case StepStatus::done: ++counts.done; break;
        case StepStatus::todo: ++counts.todo; break;
        case StepStatus::blocked: ++counts.blocked; break;
        case StepStatus::manual: ++counts.manual; break;
      }
    }
  }
  return counts;
}

std::string heading(const Plan& plan, const PhasePlan& phase) {
  return phase.phase == plan.detected.phase.effective ? fmt::format("{}, the phase it is in", to_string(phase.phase))
                                                      : fmt::format("{}, the phase to reach", to_string(phase.phase));
}

void write_text(std::ostream& out, const Plan& plan) {
  const report::TargetReport& detected = plan.detected;
  std::string evidence;
  for (const std::string& sign : detected.phase.evidence) evidence += (evidence.empty() ? "" : "; ") + sign;
  out << fmt::format("{}: phase {} ({}{}{})\n", printable(detected.path), to_string(detected.phase.effective),
                     detected.phase.certain ? "detected" : "detected, uncertain", evidence.empty() ? "" : ": ",
                     printable(evidence));
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    const PhasePlan& phase = plan.phases[index];
    out << '\n' << heading(plan, phase) << ":\n";
    for (const StepState& step : phase.steps) {
      out << fmt::format("  {:<8} {}. {}\n", label(step.status), step.step->number, step.step->action);
      if (step.status == StepStatus::done) continue;
      for (const report::Finding* finding : step.findings) {
        out << fmt::format("{:11}{}: {} {}\n", "", printable(where(plan.reports[index], *finding)),
                           finding->rule->id, printable(finding->message));
      }
      if (!step.why.empty()) out << fmt::format("{:11}({})\n", "", printable(step.why));
      if (!step.step->command.empty()) out << fmt::format("{:11}$ {}\n", "", step.step->command);
    }
  }
  const Counts counts = count(plan);
  out << fmt::format("\n{} to do, {} blocked, {} done, {} to see to by hand\n", counts.todo, counts.blocked,
                     counts.done, counts.manual);
}

void write_markdown(std::ostream& out, const Plan& plan) {
  out << fmt::format("# Upgrade plan: `{}`\n", printable(plan.detected.path));
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    const PhasePlan& phase = plan.phases[index];
    out << fmt::format("\n## {}\n\n", heading(plan, phase));
    for (const StepState& step : phase.steps) {
      out << fmt::format("- [{}] {}. {} ({})\n", step.status == StepStatus::done ? "x" : " ", step.step->number,
                         step.step->action, label(step.status));
      if (step.status == StepStatus::done) continue;
      for (const report::Finding* finding : step.findings) {
        out << fmt::format("  - `{}` {}: {}\n", finding->rule->id, printable(where(plan.reports[index], *finding)),
                           printable(finding->message));
      }
      if (!step.why.empty()) out << fmt::format("  - {}\n", printable(step.why));
      if (!step.step->command.empty()) out << fmt::format("  - `{}`\n", step.step->command);
    }
  }
}

nlohmann::ordered_json step_json(const StepState& step, const report::TargetReport* report) {
  nlohmann::ordered_json json = {{"phase", to_string(step.step->phase)},
                                 {"number", step.step->number},
                                 {"action", step.step->action},
                                 {"rules", step.step->rules},
                                 {"needs", step.step->needs},
                                 {"command", step.step->command}};
  if (report == nullptr) return json;
  json["status"] = to_string(step.status);
  json["why"] = step.why;
  json["findings"] = nlohmann::ordered_json::array();
  for (const report::Finding* finding : step.findings) {
    json["findings"].push_back({{"rule", finding->rule->id},
                                {"path", report->files[finding->file].display},
                                {"line", finding->span ? nlohmann::ordered_json(finding->span->line) : nullptr},
                                {"message", finding->message}});
  }
  return json;
}

void write_json(std::ostream& out, const Plan& plan) {
  const Counts counts = count(plan);
  nlohmann::ordered_json json = {
      {"schema_version", 1},
      {"path", plan.detected.path},
      {"phase",
       {{"detected", to_string(plan.detected.phase.effective)},
        {"certain", plan.detected.phase.certain},
        {"evidence", plan.detected.phase.evidence}}},
      {"phases", nlohmann::ordered_json::array()},
      {"summary", {{"todo", counts.todo}, {"blocked", counts.blocked}, {"done", counts.done}, {"manual", counts.manual}}}};
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const StepState& step : plan.phases[index].steps) steps.push_back(step_json(step, &plan.reports[index]));
    json["phases"].push_back({{"phase", to_string(plan.phases[index].phase)}, {"steps", steps}});
  }
  out << json.dump(2) << '\n';
}

void write_list(std::ostream& out, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    for (const plan::Step& step : plan::procedure()) steps.push_back(step_json({.step = &step}, nullptr));
    out << steps.dump(2) << '\n';
    return;
  }
  std::optional<Phase> phase;
  for (const plan::Step& step : plan::procedure()) {
    if (phase != step.phase) {
      phase = step.phase;
      out << (format == "markdown" ? fmt::format("\n## {}\n\n", to_string(step.phase))
                                   : fmt::format("{}{}:\n", step.number == 1 && step.phase != Phase::prepare ? "\n" : "",
                                                 to_string(step.phase)));
    }
    out << (format == "markdown" ? fmt::format("{}. {}\n", step.number, step.action)
                                 : fmt::format("  {}. {}\n", step.number, step.action));
  }
}

}  // namespace

CLI::App* add_plan_command(CLI::App& app, PlanArguments& arguments) {
  CLI::App* command =
      app.add_subcommand("plan", "Show which steps of the upgrade are done, and what to type for the next.");
  command->add_option("PATH", arguments.path, "An installation's etc/ folder, or a server.cfg.")->type_name("PATH");
  command->add_option("--to", arguments.to, "The phase to reach (default: the one after the detected phase).")
      ->type_name("PHASE")
      ->check(CLI::IsMember({"prepare", "start", "downgrade", "commit"}));
  command->add_option("--format", arguments.format, "Output format.")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  command->add_flag("--list", arguments.list, "List every step of every phase, and check nothing.");
  command->add_option("--rc-local", arguments.rc_local, "The boot script to check (as check takes it).")
      ->type_name("FILE");
  command->add_flag("--no-rc-local", arguments.no_rc_local, "Check no boot script.");
  command->add_option("--dist", arguments.dist, "The unpacked 7.2 distribution.")->type_name("DIR");
  command->add_flag("--probe-versions", arguments.probe_versions, "Ask each binary its version (-v).");
  command->add_flag("--offline", arguments.offline, "The installation does not run here: no process checks.");
  return command;
}

int run_plan(const PlanArguments& arguments, const Environment& environment, std::ostream& out, std::ostream& err) {
  if (arguments.list) {
    write_list(out, arguments.format);
    return exit_code::clean;
  }
  auto detected = checked(arguments, std::nullopt, environment);
  if (auto* problem = std::get_if<std::string>(&detected)) {
    err << "emglint: " << *problem << '\n';
    return exit_code::trouble;
  }
  Plan plan{.detected = std::move(std::get<report::TargetReport>(detected))};
  const Phase current = plan.detected.phase.effective;
  const Phase target = arguments.to.empty() ? next_phase(current) : *report::phase_from_string(arguments.to);
  // The phase it is in is checked as such: its steps left undone come first.
  std::vector<Phase> phases = {current};
  if (target != current) phases.push_back(target);
  for (const Phase phase : phases) {
    // A detected phase runs the rules --phase would: that check is not run twice
    // (with --probe-versions, every binary asked again). An undetected one (a
    // withheld server.cfg, one not text) ran only the rules of every phase.
    if (phase == current && plan.detected.phase.detected) {
      plan.reports.push_back(plan.detected);
      continue;
    }
    auto report = checked(arguments, phase, environment);
    if (auto* problem = std::get_if<std::string>(&report)) {
      err << "emglint: " << *problem << '\n';
      return exit_code::trouble;
    }
    plan.reports.push_back(std::move(std::get<report::TargetReport>(report)));
  }
  for (std::size_t index = 0; index < phases.size(); ++index) {
    plan.phases.push_back({.phase = phases[index], .steps = plan::step_states(plan.reports[index])});
  }
  if (arguments.format == "json") {
    write_json(out, plan);
  } else if (arguments.format == "markdown") {
    write_markdown(out, plan);
  } else {
    write_text(out, plan);
  }
  const Counts counts = count(plan);
  return counts.todo + counts.blocked == 0 ? exit_code::clean : exit_code::findings;
}

}  // namespace emglint::cli
