#include "cli/run.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <optional>

#include "check/catalog.h"
#include "cli/check_arguments.h"
#include "cli/check_settings.h"
#include "cli/merge_command.h"
#include "cli/plan_command.h"
#include "cli/suggestions.h"
#include "reporters/catalog_reporter.h"

namespace emglint::cli {

namespace {

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

}  // namespace

int run(const std::vector<std::string>& arguments, const Environment& environment, std::ostream& out,
        std::ostream& err) {
  CLI::App app{"emglint checks an EMG installation or its server.cfg against the 7.1 to 7.2 upgrade procedure.",
               "emglint"};
  app.set_version_flag("--version", std::string("emglint ") + EMGLINT_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  CheckArguments check_arguments;
  add_check_command(app, check_arguments);
  MergeArguments merge_arguments;
  CLI::App* merge_command = add_merge_command(app, merge_arguments);
  PlanArguments plan_arguments;
  CLI::App* plan_command = add_plan_command(app, plan_arguments);

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

    if (*plan_command) return run_plan(plan_arguments, environment, out, err);
    if (*merge_command) {
      require_compatible(merge_arguments);
      return run_merge(merge_arguments, out, err);
    }

    require_compatible(check_arguments);
    const bool show_settings = check_arguments.show_settings;
    auto resolved = resolve_check_settings(std::move(check_arguments), environment);
    if (auto* problem = std::get_if<std::string>(&resolved)) {
      err << "emglint: " << *problem << '\n';
      return exit_code::trouble;
    }
    ResolvedCheck& check = std::get<ResolvedCheck>(resolved);
    if (show_settings) {
      for (const auto& setting : check.shown) {
        out << fmt::format("{} = {}  # {}\n", setting.name, setting.value, setting.source);
      }
      return exit_code::clean;
    }
    return run_check(std::move(check.options), environment, out, err);
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
