#include "fuzz_targets.h"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <variant>
#include <vector>

#include "analysis/config_index.h"
#include "analysis/pam_limits.h"
#include "analysis/rc_local_analysis.h"
#include "analysis/secrets.h"
#include "check/catalog.h"
#include "check/check.h"
#include "cli/baseline.h"
#include "cli/project_settings.h"
#include "cli/run.h"
#include "fix/fix_target.h"
#include "merge/fleet.h"
#include "merge/outputs.h"
#include "parser/config_parser.h"
#include "parser/db_address.h"
#include "parser/pam_config.h"
#include "parser/rc_local.h"
#include "reporters/github_escaping.h"
#include "reporters/reporter.h"

namespace emglint::fuzz {

namespace {

using Problem = std::optional<std::string>;

// A private directory for the targets that read files, removed at exit.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "emglint-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

const ScratchDirectory& scratch() {
  static const ScratchDirectory directory;
  return directory;
}

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!stream) throw std::runtime_error("cannot write " + path.string());
}

// --- the parsers -----------------------------------------------------------

// Another password of the same shape: `text` with its letters and digits
// rotated and the rest kept, or all `x` when it has neither.
std::string another_password(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + 13) % 26);
    if (c >= '0' && c <= '9') c = static_cast<char>('0' + (c - '0' + 5) % 10);
  }
  if (result == text) result.assign(text.size(), 'x');
  return result;
}

Problem config_parser(std::string_view input) {
  const config::ConfigModel model = config::parse_config(input);
  if (model.source != input) return "the model's source differs from the input";
  const analysis::ConfigIndex index(model);
  for (const config::Option& option : model.general) (void)index.shown_option(option);
  for (const config::Block& block : model.blocks) {
    for (const config::Option& option : block.options()) (void)index.shown_option(option);
  }
  for (std::size_t line = 1; line <= model.lines.size(); ++line) (void)model.line_text(line);
  return std::nullopt;
}

Problem rc_local_parser(std::string_view input) {
  const rclocal::RcLocalModel model = rclocal::parse_rc_local(std::string(input));
  const std::map<std::string, std::string> variables = {{"NOFILE", "65536"}, {"N", "unlimited"}};
  for (const rclocal::ShellCommand& command : model.commands) {
    const rclocal::ShellDialect dialect = rclocal::dialect_of(model, command);
    (void)rclocal::ulimit_open_files(command, variables, dialect);
    (void)rclocal::ulimit_open_files(command, {}, rclocal::ShellDialect::bash);
    (void)rclocal::command_text(command);
    (void)rclocal::sets_errexit(command);
    (void)rclocal::plain_assignment(command);
    if (rclocal::is_su(command)) (void)rclocal::su_user(command);
  }
  const analysis::RcLocalAnalysis analysis = analysis::analyze_rc_local(model, "emg_watchdog");
  if (analysis.applied() != nullptr) (void)analysis.ulimit_in_watchdog_su(model);
  return std::nullopt;
}

Problem db_address_parser(std::string_view input) {
  const auto parsed = config::parse_db_address(input);
  const auto secret = config::db_address_password(input);
  if (const auto* address = std::get_if<config::DbAddress>(&parsed)) {
    if (address->password_offset > input.size() ||
        input.substr(address->password_offset, address->password.size()) != address->password) {
      return "the password's offset does not point at the password";
    }
  }
  if (secret && (secret->offset > input.size() || secret->size > input.size() - secret->offset)) {
    return "the password's range lies outside the value";
  }
  // An error never quotes the password, unless its own words hold it.
  if (const auto* error = std::get_if<config::DbAddressError>(&parsed); error != nullptr && secret) {
    const std::string password(input.substr(secret->offset, secret->size));
    if (password.size() >= 6 && input.find(password) == secret->offset &&
        input.find(password, secret->offset + 1) == std::string_view::npos &&
        error->message.find(password) != std::string::npos) {
      std::string other(input);
      other.replace(secret->offset, secret->size, another_password(password));
      const auto other_parsed = config::parse_db_address(other);
      const auto* other_error = std::get_if<config::DbAddressError>(&other_parsed);
      if (other_error == nullptr || other_error->message.find(password) == std::string::npos) {
        return fmt::format("the error `{}` quotes the password", error->message);
      }
    }
  }
  return std::nullopt;
}

// The watchdog of Debian's rc.local, started through `su -`, for the PAM targets.
struct LoginSu {
  rclocal::RcLocalModel model =
      rclocal::parse_rc_local("#!/bin/sh\nulimit -n 4096\nsu - emg -c 'perl emg_watchdog.pl &'\n");
  analysis::RcLocalAnalysis rc_local = analysis::analyze_rc_local(model, "emg_watchdog");
};

inspect::PamServiceFile service_file(const std::string& name, std::string_view text) {
  return {.path = "/etc/pam.d/" + name, .exists = true, .read_error = {}, .entries = pam::parse_service(text)};
}

inspect::PamLimitsFacts debian_pam(std::string_view su, std::string_view limits_conf) {
  inspect::PamLimitsFacts facts;
  facts.pam_dir = "/etc/pam.d";
  facts.services["su"] = service_file("su", su);
  facts.services["su-l"] =
      service_file("su-l", "auth include su\nsession optional pam_keyinit.so force revoke\nsession include su\n");
  facts.services["common-session"] = service_file("common-session", "session required pam_unix.so\n");
  facts.limits_conf = {
      .path = "/etc/security/limits.conf", .exists = true, .read_error = {}, .entries = pam::parse_limits(limits_conf)};
  facts.limits_d = "/etc/security/limits.d";
  return facts;
}

Problem pam_parser(std::string_view input) {
  for (const pam::ServiceEntry& entry : pam::parse_service(input)) (void)entry.module_name();
  static const LoginSu watchdog;
  const auto limits = analysis::watchdog_pam_limits(debian_pam(input, "emg soft nofile 65536\n"), watchdog.model,
                                                    watchdog.rc_local, nullptr);
  if (limits) (void)limits->effective_soft();
  return std::nullopt;
}

Problem limits_parser(std::string_view input) {
  (void)pam::parse_limits(input);
  static const LoginSu watchdog;
  const auto limits = analysis::watchdog_pam_limits(
      debian_pam("auth sufficient pam_rootok.so\nsession required pam_limits.so\n", input), watchdog.model,
      watchdog.rc_local, nullptr);
  if (limits) (void)limits->effective_soft();
  return std::nullopt;
}

// --- the loaders -----------------------------------------------------------

// Runs the CLI in-process; an internal error is a finding.
Problem run_cli(const std::vector<std::string>& arguments) {
  std::ostringstream out;
  std::ostringstream err;
  (void)cli::run(arguments, {}, out, err);
  if (err.str().find("internal error") != std::string::npos) return err.str();
  return std::nullopt;
}

const char* const small_config = "BACKEND=TC\nloglevel=1\nCONNECTOR smpp-in <\nINSTANCES=2\nDLR_TO_SAME_IP\n>\n";

Problem settings_loader(std::string_view input) {
  const std::filesystem::path directory = scratch().path() / "settings";
  std::filesystem::create_directories(directory / "site");
  write_bytes(directory / ".emglint.toml", input);
  write_bytes(directory / "site" / "server.cfg", small_config);
  const cli::ProjectSettingsRead read = cli::read_project_settings((directory / ".emglint.toml").string());
  if (!read.settings && read.problem.empty()) return "a settings file neither read nor refused";
  if (!read.settings) return std::nullopt;
  // Settled under the command line's, then in force for a check.
  if (auto problem = run_cli({"check", "--show-settings", (directory / "site").string()})) return problem;
  return run_cli({"check", "--format", "json", (directory / "site").string()});
}

const report::TargetReport& small_report() {
  static const report::TargetReport report =
      check::check_target(check::config_input("server.cfg", small_config), {}, report::Phase::prepare);
  return report;
}

Problem baseline_loader(std::string_view input) {
  const cli::ParsedBaseline parsed = cli::parse_baseline(input, "/");
  if (!parsed.baseline) {
    if (parsed.problem.empty()) return "a baseline neither read nor refused";
    return std::nullopt;
  }
  std::vector<report::TargetReport> targets = {small_report()};
  cli::apply_baseline(targets, *parsed.baseline, "2030-01-01");
  const std::string rewritten = cli::baseline_text(targets, &*parsed.baseline, "/");
  // --write-baseline adopts what it wrote: it must read back.
  const cli::ParsedBaseline again = cli::parse_baseline(rewritten, "/");
  if (!again.baseline) return fmt::format("a written baseline does not read back: {}\n{}", again.problem, rewritten);
  return std::nullopt;
}

// --- the whole check of a lone config --------------------------------------

const check::TargetSpec lone_config{.path = "server.cfg",
                                    .kind = report::TargetKind::config,
                                    .config_path = "server.cfg",
                                    .config_name = "server.cfg",
                                    .root = "server.cfg"};

report::Report whole_report(report::TargetReport target, bool fixing) {
  report::Report report;
  report.fixing = fixing;
  report.targets.push_back(std::move(target));
  report.summary = report::summarize(report.targets);
  report.exit_code = 1;
  return report;
}

std::string rendered(const reporters::Reporter& reporter, const report::Report& report) {
  std::ostringstream out;
  reporter.write(out, report);
  return out.str();
}

// Everything emglint prints for a lone config: the report in every format,
// the baseline file, and --diff's patch with its plan, --fix's lines too.
std::vector<std::pair<std::string, std::string>> every_output(std::string_view config) {
  static const std::unique_ptr<reporters::Reporter> text = reporters::text_reporter({});
  static const std::unique_ptr<reporters::Reporter> json = reporters::json_reporter("0.1.0");
  static const std::unique_ptr<reporters::Reporter> github = reporters::github_reporter(false);
  static const std::unique_ptr<reporters::Reporter> sarif = [] {
    reporters::SarifOptions options{.tool_version = "0.1.0", .information_uri = "https://emglint.example/"};
    for (const report::RuleInfo* rule : check::catalog()) options.rules.push_back({rule, check::page_of(rule->id)});
    return reporters::sarif_reporter(std::move(options));
  }();
  const check::CheckOptions options;
  const check::TargetInput input = check::config_input("server.cfg", std::string(config));
  std::vector<std::pair<std::string, std::string>> outputs;

  const report::Report checked = whole_report(check::check_target(input, options, std::nullopt), false);
  outputs.emplace_back("text", rendered(*text, checked));
  outputs.emplace_back("json", rendered(*json, checked));
  outputs.emplace_back("sarif", rendered(*sarif, checked));
  outputs.emplace_back("github", rendered(*github, checked));
  outputs.emplace_back("baseline", cli::baseline_text(checked.targets, nullptr, "/"));

  // --diff at a phase the input picks (a fix needs a certain phase).
  constexpr report::Phase phases[] = {report::Phase::prepare, report::Phase::start, report::Phase::downgrade,
                                      report::Phase::commit};
  const report::Phase phase = phases[config.size() % 4];
  const fix::Loader load = [&] { return input; };
  const fix::Checker check_again = [&](const check::TargetInput& now, std::optional<report::Phase> pinned) {
    return check::check_target(now, options, pinned);
  };
  fix::FixOutcome outcome = fix::fix_with(lone_config, load, check_again, phase, {.write = false, .unsafe = true});
  std::string plan = outcome.diff;
  for (const std::string& problem : outcome.problems) plan += problem + "\n";
  if (outcome.report) {
    for (const report::AppliedFix& fix : outcome.report->fixed) {
      plan += fmt::format("{}: would fix [{}] {} {}\n", fix.file, fix.rule, fix.object, fix.description);
    }
    for (const std::string& reason : outcome.report->not_fixed) plan += reason + "\n";
    outcome.report->backups.push_back("server.cfg.emglint-bak");
    const report::Report fixed = whole_report(std::move(*outcome.report), true);
    outputs.emplace_back("text after --fix", rendered(*text, fixed));
    outputs.emplace_back("json after --fix", rendered(*json, fixed));
  }
  outputs.emplace_back("--diff", plan);
  return outputs;
}

// The forms a password takes in the outputs: as is, JSON-escaped, as GitHub escapes it.
std::vector<std::string> shown_forms(const std::string& password) {
  const std::string json = nlohmann::json(password).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<std::string> forms = {password, json.substr(1, json.size() - 2),
                                    reporters::escape_github_message(password),
                                    reporters::escape_github_property(password)};
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

// The output that shows `password` in some form, if any.
std::optional<std::pair<std::string, std::string>> showing(
    const std::vector<std::pair<std::string, std::string>>& outputs, const std::string& password) {
  const std::vector<std::string> forms = shown_forms(password);
  for (const auto& [name, text] : outputs) {
    for (const std::string& form : forms) {
      if (text.find(form) != std::string::npos) return std::pair{name, form};
    }
  }
  return std::nullopt;
}

Problem check_outputs(std::string_view input) {
  const std::vector<std::string> passwords = passwords_to_hide(input);
  const auto outputs = every_output(input);
  for (const std::string& password : passwords) {
    const auto shown = showing(outputs, password);
    if (!shown) continue;
    // Printed whatever the password: emglint's own text happens to hold it
    // (a keyword, a rule page), or it is rebuilt from other parts of the
    // input. Only what the password itself brings in is a leak.
    std::string other(input);
    other.replace(other.find(password), password.size(), another_password(password));
    if (showing(every_output(other), password)) continue;
    return fmt::format("the password `{}` is shown in the {} output as `{}`", password, shown->first, shown->second);
  }
  return std::nullopt;
}

// --- emglint merge's reader and its outputs ----------------------------------

// The input as a JSON report and as a SARIF log of two hosts beside a host
// expected but silent, merged in every format: nothing may throw, what is JSON
// must read back, and the table holds no control character.
Problem merge_outputs(std::string_view input) {
  for (const merge::OutputFormat format :
       {merge::OutputFormat::text, merge::OutputFormat::json, merge::OutputFormat::sarif}) {
    std::vector<merge::HostReport> reports;
    for (const char* path : {"gw001.json", "reports/gw002.sarif"}) {
      reports.push_back(merge::read_host_report({.path = path, .bytes = std::string(input), .read_error = {}}));
    }
    const merge::Fleet fleet =
        merge::merge_reports(std::move(reports), format, std::vector<std::string>{"gw001", "gw003"});
    std::ostringstream out;
    switch (format) {
      case merge::OutputFormat::text: {
        merge::write_text(out, fleet);
        for (const char c : out.str()) {
          if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) {
            return fmt::format("a control character in the table:\n{}", out.str());
          }
        }
        continue;
      }
      case merge::OutputFormat::json: merge::write_json(out, fleet, "0.1.0"); break;
      case merge::OutputFormat::sarif: {
        merge::write_sarif(out, fleet, {.per_host = false, .tool_version = "0.1.0", .information_uri = "https://x/"});
        std::ostringstream per_host;
        merge::write_sarif(per_host, fleet,
                           {.per_host = true, .tool_version = "0.1.0", .information_uri = "https://x/"});
        if (!nlohmann::json::accept(per_host.str())) return "the per-host SARIF log is not JSON";
        break;
      }
    }
    if (!nlohmann::json::accept(out.str())) return fmt::format("the merged output is not JSON:\n{}", out.str());
  }
  return std::nullopt;
}

const FuzzTarget targets[] = {
    {"config", "the server.cfg parser", config_parser},
    {"rc_local", "the rc.local parser and its analysis", rc_local_parser},
    {"db_address", "the DB ADDRESS parser", db_address_parser},
    {"pam", "the PAM service file parser and the limits it gives the watchdog", pam_parser},
    {"limits", "the limits.conf parser and the limits it gives the watchdog", limits_parser},
    {"settings", "the .emglint.toml loader, and a check under its settings", settings_loader},
    {"baseline", "the baseline loader, applied and written back", baseline_loader},
    {"check", "the whole check of a lone config through every reporter and --diff; no password shown", check_outputs},
    {"merge", "a host's report read back by emglint merge and merged into every format", merge_outputs},
};

}  // namespace

std::vector<std::string> passwords_to_hide(std::string_view config) {
  const config::ConfigModel model = config::parse_config(config);
  std::vector<std::string> passwords;
  for (const analysis::Secret& secret : analysis::find_secrets(model)) {
    if (secret.end <= secret.begin || secret.end > config.size()) continue;
    const std::string_view password = config.substr(secret.begin, secret.end - secret.begin);
    if (password.size() < 6) continue;
    if (config.find(password) != secret.begin || config.find(password, secret.begin + 1) != std::string_view::npos) {
      continue;  // appears elsewhere in the input, where it may be shown
    }
    passwords.emplace_back(password);
  }
  return passwords;
}

std::span<const FuzzTarget> fuzz_targets() { return targets; }

const FuzzTarget* find_fuzz_target(std::string_view name) {
  for (const FuzzTarget& target : targets) {
    if (target.name == name) return &target;
  }
  return nullptr;
}

}  // namespace emglint::fuzz
