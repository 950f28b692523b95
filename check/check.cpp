#include "check/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <variant>

#include "analysis/analysis.h"
#include "analysis/general_log.h"
#include "check/concealment.h"
#include "inspect/file_reader.h"
#include "inspect/owner_access.h"
#include "parser/config_parser.h"
#include "parser/rc_local.h"
#include "rules/rule.h"
#include "report/fnv1a.h"
#include "report/glob.h"
#include "report/paths.h"

namespace emglint::check {

namespace {

namespace fs = std::filesystem;


std::string joined(const std::string& directory, std::string_view name) {
  return directory.ends_with('/') ? directory + std::string(name) : fmt::format("{}/{}", directory, name);
}

std::string real_path_of(const std::string& path) {
  std::error_code error;
  const fs::path real = fs::canonical(path, error);
  return error ? std::string() : real.string();
}

// `path` relative to `root` (the working directory when empty), '/'-separated,
// whether either is spelled absolute or relative; `path` itself when it lies outside.
std::string relative_to_root(const std::string& path, const std::string& root) {
  const auto relative = report::relative_inside(report::normal_absolute(path), report::normal_absolute(root.empty() ? "." : root));
  if (!relative) return path;
  return *relative == "." ? fs::path(path).filename().string() : *relative;
}

report::SourceFile text_file(std::string in_target, std::string display, std::string in_root, std::string bytes) {
  report::SourceFile file;
  file.real_path = real_path_of(display);
  file.inside_target = !in_target.starts_with('/');
  file.in_target = std::move(in_target);
  file.display = std::move(display);
  file.in_root = std::move(in_root);
  file.has_text = true;
  file.content_hash = report::fnv1a(bytes);
  file.lines = report::LineIndex(bytes);
  file.bytes = std::move(bytes);
  return file;
}

// Whether `glob` matches the file, as a path relative to `base`.
bool matches(const FileIgnore& ignore, const report::SourceFile& file) {
  if (file.real_path.empty()) return false;
  const auto relative = report::relative_inside(file.real_path, ignore.base);
  return relative && report::glob_matches(ignore.glob, *relative);
}

void apply_adjustments(report::TargetReport& report, const CheckOptions& options) {
  if (!options.file_ignores.empty()) {
    std::erase_if(report.findings, [&](const report::Finding& finding) {
      return std::any_of(options.file_ignores.begin(), options.file_ignores.end(), [&](const FileIgnore& ignore) {
        return std::any_of(ignore.rules.begin(), ignore.rules.end(),
                           [&](const std::string& rule) { return rules::names_rule(rule, finding.rule->id); }) &&
               matches(ignore, report.files[finding.file]);
      });
    });
  }
  for (report::Finding& finding : report.findings) {
    for (const SeverityOverride& adjustment : options.severity_overrides) {
      if (rules::names_rule(adjustment.rule, finding.rule->id)) finding.severity = adjustment.severity;
    }
  }
}

void hold_back_boot_script_fixes(report::TargetReport& report, report::FileId rc_local) {
  for (report::Finding& finding : report.findings) {
    if (!finding.fix || !finding.fix->applicable) continue;
    const auto& edits = finding.fix->edits;
    if (std::none_of(edits.begin(), edits.end(), [&](const report::TextEdit& edit) { return edit.file == rc_local; })) {
      continue;
    }
    finding.fix->applicable = false;
    finding.fix->note = fmt::format(
        "it edits {}, which --fix edits only when it is named with --rc-local FILE, for one target at a time",
        report.files[rc_local].display);
  }
}

// What raises the limit a file was refused for.
std::string_view limit_hint(bool too_large) { return too_large ? " (--max-file-size raises the limit)" : ""; }

}  // namespace

TargetInput load_target(const TargetSpec& spec, const CheckOptions& options,
                        const inspect::ProbeCache* earlier_probes) {
  TargetInput input;
  input.path = spec.path;
  input.kind = spec.kind;

  // Root checking a user's installation reads only what that user could: a
  // server.cfg linked to a root-only file must not print its lines.
  const std::optional<inspect::UserAccount> owner =
      spec.kind == report::TargetKind::installation ? inspect::owner_to_read_for(spec.path) : std::nullopt;
  auto content = inspect::read_text_file_for(spec.config_path, owner ? &*owner : nullptr, options.max_file_size);
  if (auto* error = std::get_if<inspect::ReadError>(&content)) {
    input.problems.push_back(fmt::format("{}: {}{}", spec.config_path, error->message, limit_hint(error->too_large)));
    return input;
  }
  input.config_withheld = std::holds_alternative<inspect::Withheld>(content);
  std::string bytes = input.config_withheld ? std::string() : std::get<std::string>(std::move(content));
  const std::string display =
      spec.kind == report::TargetKind::installation ? joined(spec.path, spec.config_name) : spec.config_path;
  input.config_file =
      input.files.add(text_file(spec.config_name, display, relative_to_root(display, spec.root), std::move(bytes)));
  input.readable = true;

  if (spec.kind == report::TargetKind::installation) {
    input.real_path = real_path_of(spec.path);
    input.installation = inspect::inspect_installation(
        spec.path,
        {.scan_processes = !options.settings.offline,
         .watchdog_pattern = options.settings.watchdog_pattern,
         .probe_versions = options.settings.probe_versions,
         .log_dir = options.log_dir,
         .dist = options.settings.dist,
         .earlier_probes = earlier_probes,
         .classify_log_line = analysis::classify_log_line});
    for (const auto& problem : input.installation->problems) input.problems.push_back(problem);
    auto& withheld = input.installation->withheld;
    if (input.config_withheld) withheld.insert(withheld.begin(), spec.config_name);
    if (input.installation->general_log) {
      const std::string& log = input.installation->general_log_path;
      report::SourceFile file;
      file.inside_target = !log.starts_with('/');
      file.in_target = log;
      file.display = file.inside_target ? joined(spec.path, log) : log;
      file.in_root = relative_to_root(file.display, spec.root);
      file.real_path = real_path_of(file.display);
      // Only its lines since the last start were kept: a log may be gigabytes, and no fix edits it.
      input.files.add(std::move(file));
    }
  }

  // The boot script: the one named, else the system's for an installation.
  std::string rc_local_path = options.rc_local;
  if (rc_local_path.empty() && spec.kind == report::TargetKind::installation) rc_local_path = options.default_rc_local;
  if (options.no_rc_local) rc_local_path.clear();
  if (!rc_local_path.empty()) {
    inspect::RcLocalFacts facts = inspect::inspect_rc_local(rc_local_path, options.max_file_size);
    if (!facts.read_error.empty()) {
      input.problems.push_back(fmt::format("{}: {}{}", facts.path, facts.read_error, limit_hint(facts.too_large)));
    } else if (facts.exists) {
      // Findings name it absolutely: it lies outside the installation.
      input.rc_local_file = input.files.add(text_file(facts.path, facts.path, facts.path, std::move(facts.content)));
      facts.content.clear();  // the file table holds the one copy a check reads
      // A watchdog started through `su` gets the limit su's PAM session leaves it.
      inspect::PamPaths paths;
      if (!options.pam_dir.empty()) paths.pam_dir = options.pam_dir;
      if (!options.limits_conf.empty()) paths.limits_conf = options.limits_conf;
      input.pam_limits = inspect::inspect_pam_limits(paths);
      // The kernel's ceiling for `ulimit -n`, unless the user names the boot script's host's own.
      if (!options.settings.nr_open) facts.nr_open = inspect::read_nr_open();
    }
    input.rc_local = std::move(facts);
  }
  return input;
}

TargetInput config_input(std::string name, std::string bytes) {
  TargetInput input;
  input.path = name;
  input.kind = report::TargetKind::config;
  input.config_file = input.files.add(text_file(name, name, name, std::move(bytes)));
  input.readable = true;
  return input;
}

report::TargetReport check_target(TargetInput input, const CheckOptions& options, std::optional<report::Phase> pinned) {
  report::TargetReport report;
  report.path = input.path;
  report.kind = input.kind;
  report.real_path = input.real_path;
  // The report keeps the files' one copy; the model refers to it (a file table's entries never move).
  report.files = std::move(input.files);
  const report::SourceFile& config_file = report.files[input.config_file];
  const config::ConfigModel config = config::parse_config(config_file.bytes, config_file.in_target);

  if (!config.errors.empty()) {
    const config::SyntaxError& error = config.errors.front();
    report.syntax_error =
        fmt::format("{}:{}:{}: {}", config_file.display, error.at.line, error.at.column, error.message);
  }

  std::optional<inspect::RcLocalFacts> rc_local = std::move(input.rc_local);
  if (rc_local && input.rc_local_file)
    rc_local->model = rclocal::parse_rc_local(report.files[*input.rc_local_file].bytes);
  const inspect::Installation* installation = input.installation ? &*input.installation : nullptr;

  analysis::TargetAnalysis analysis(config);
  analysis::analyze(analysis, config_file.in_target, installation, rc_local ? &*rc_local : nullptr,
                    input.pam_limits ? &*input.pam_limits : nullptr, options.settings, pinned);
  if (input.config_withheld) {
    // Its absence would read as "no BACKEND", its instances as none: nothing of
    // it is known. The rules that rest on it do not run (rules::skipped_checks).
    if (!pinned) {
      analysis.phase = {
          .effective = analysis.phase.effective,
          .evidence = {fmt::format("{} was not read: its owner could not read it", config_file.in_target)},
          .certain = false,
          .detected = false};
    }
    analysis.facts.connector_instances = 0;
    analysis.facts.open_files_needed.reset();
    analysis.recommended_ulimit.reset();
  }
  report.phase = analysis.phase;
  report.facts = analysis.facts;

  const rules::CheckContext context{.config = config,
                                    .config_file = input.config_file,
                                    .config_name = config_file.in_target,
                                    .config_hash = config_file.content_hash,
                                    .config_withheld = input.config_withheld,
                                    .phase = report.phase,
                                    .settings = options.settings,
                                    .analysis = analysis,
                                    .facts = report.facts,
                                    .installation = installation,
                                    .rc_local = rc_local ? &*rc_local : nullptr,
                                    .rc_local_file = input.rc_local_file};
  // A file that is not text has no lines to check: EMG001 says so, and what
  // other rules would say of it, or of the installation in a phase not
  // detected, would rest on garbage.
  const rules::Selection selection = config.is_text ? options.selection : options.selection.narrowed_to("EMG001");
  rules::RulesRun run = rules::run_rules(context, selection, report.files);
  report.findings = std::move(run.findings);
  report.rules_run = std::move(run.ran);
  apply_adjustments(report, options);
  if (!options.rc_local_editable && input.rc_local_file) hold_back_boot_script_fixes(report, *input.rc_local_file);
  report.skipped = rules::skipped_checks(context, selection);
  conceal_secrets(report, analysis.index, input.config_file);
  return report;
}

}  // namespace emglint::check
