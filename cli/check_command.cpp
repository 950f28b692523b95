#include "cli/check_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <variant>
#include <thread>

#include "check/catalog.h"
#include "cli/baseline.h"
#include "cli/targets.h"
#include "fix/atomic_file.h"
#include "fix/fix_target.h"
#include "inspect/file_reader.h"
#include "reporters/reporter.h"

namespace emglint::cli {

namespace {

// Everything one target yields; targets are checked independently, in parallel.
struct TargetResult {
  std::optional<report::TargetReport> report;  // nullopt when server.cfg could not be read
  std::vector<std::string> problems;           // each is worth exit code 2
  std::string diff;                            // --diff
};

TargetResult check_one(const TargetSpec& spec, const CheckOptions& options) {
  if (options.fix_mode != FixMode::none) {
    fix::FixOutcome outcome = fix::fix_target(
        spec, options.check, options.phase,
        {.write = options.fix_mode == FixMode::fix,
         .unsafe = options.unsafe_fixes,
         .backup = options.backup,
         .rc_local_named = options.rc_local_named,
         .rc_local_shared = options.rc_local_shared});
    return {std::move(outcome.report), std::move(outcome.problems), std::move(outcome.diff)};
  }
  check::TargetInput input = check::load_target(spec, options.check);
  TargetResult result;
  result.problems = std::move(input.problems);
  if (input.readable) result.report = check::check_target(std::move(input), options.check, options.phase);
  return result;
}

// Targets of a repository run before a progress line is worth showing.
constexpr std::size_t progress_threshold = 200;

// `checked K of N` on a terminal's standard error, rewritten in place.
class Progress {
 public:
  Progress(std::ostream* err, std::size_t total) : err_(err), total_(total) {}
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress() {
    if (err_ != nullptr) *err_ << "\r\x1b[K" << std::flush;
  }
  void one_done() {
    if (err_ == nullptr) return;
    const std::size_t done = ++done_;
    if (done % 25 != 0 && done != total_) return;
    const std::lock_guard lock(mutex_);
    *err_ << fmt::format("\rchecked {} of {}", done, total_) << std::flush;
  }

 private:
  std::ostream* err_;  // nullptr: not shown
  std::size_t total_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
};

std::vector<TargetResult> check_all(const std::vector<TargetSpec>& specs, const CheckOptions& options,
                                    Progress& progress) {
  std::vector<TargetResult> results(specs.size());
  unsigned workers = options.jobs != 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min<unsigned>(workers, static_cast<unsigned>(specs.size()));
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t index = next++; index < specs.size(); index = next++) {
      // An exception must not cross the thread: it becomes that target's problem.
      try {
        results[index] = check_one(specs[index], options);
      } catch (const std::exception& error) {
        results[index] = {};
        results[index].problems.push_back(fmt::format("{}: internal error: {}", specs[index].path, error.what()));
      }
      progress.one_done();
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

bool fails(const report::Report& report, const std::optional<report::Severity>& fail_on) {
  if (!fail_on) return false;
  for (auto severity : {report::Severity::info, report::Severity::warning, report::Severity::error}) {
    if (severity >= *fail_on && report.summary.count(severity) > 0) return true;
  }
  return false;
}

// --diff: what --fix would do, on standard error beside the patch on standard output.
void write_plan(const report::Report& report, std::ostream& err) {
  std::size_t planned = 0;
  for (const report::TargetReport& target : report.targets) {
    for (const report::AppliedFix& fix : target.fixed) {
      err << fmt::format("{}: would fix [{}] {}\n", fix.file, fix.rule, fix.description);
    }
    for (const std::string& reason : target.not_fixed) err << fmt::format("{}: not fixed: {}\n", target.path, reason);
    planned += target.fixed.size();
  }
  if (planned == 0) {
    err << "nothing to fix\n";
  } else {
    err << fmt::format("{} {} would be applied; nothing was changed (apply with --fix)\n", planned,
                       planned == 1 ? "fix" : "fixes");
  }
}

std::unique_ptr<reporters::Reporter> reporter_for(const CheckOptions& options, const Environment& environment) {
  switch (options.format) {
    case OutputFormat::json: return reporters::json_reporter(EMGLINT_VERSION);
    case OutputFormat::sarif: {
      reporters::SarifOptions sarif{.tool_version = EMGLINT_VERSION, .information_uri = EMGLINT_HOMEPAGE_URL};
      for (const report::RuleInfo* rule : check::catalog()) sarif.rules.push_back({rule, check::page_of(rule->id)});
      return reporters::sarif_reporter(std::move(sarif));
    }
    case OutputFormat::github: return reporters::github_reporter(options.quiet);
    case OutputFormat::text: break;
  }
  return reporters::text_reporter({.color = use_color(options, environment), .quiet = options.quiet});
}

}  // namespace

int run_check(CheckOptions options, const Environment& environment, std::ostream& out, std::ostream& err) {

  // Read before any target is checked: a bad baseline must stop --fix before it writes.
  std::optional<Baseline> baseline;
  if (!options.baseline.empty()) {
    auto text = inspect::read_text_file(options.baseline);
    if (auto* error = std::get_if<inspect::ReadError>(&text)) {
      err << fmt::format("emglint: {}: {}\n", options.baseline, error->message);
      return exit_code::trouble;
    }
    ParsedBaseline parsed = parse_baseline(std::get<std::string>(text), baseline_directory(options.baseline));
    if (!parsed.baseline) {
      err << fmt::format("emglint: {}: {}\n", options.baseline, parsed.problem);
      return exit_code::trouble;
    }
    baseline = std::move(parsed.baseline);
  }

  Discovery discovery = discover_targets(options.paths, options.include_globs);
  options.rc_local_shared = discovery.targets.size() > 1;
  options.check.rc_local_editable = options.rc_local_named && !options.rc_local_shared;
  report::Report report;
  report.fixing = options.fix_mode == FixMode::fix;
  report.requested = options.phase;
  report.host = options.host;
  report.problems = std::move(discovery.errors);
  std::vector<std::pair<std::string, std::string>> diffs;  // by target path
  std::vector<TargetResult> results;
  {
    const bool show_progress = environment.stderr_is_terminal && discovery.targets.size() >= progress_threshold;
    Progress progress(show_progress ? &err : nullptr, discovery.targets.size());
    results = check_all(discovery.targets, options, progress);
  }
  for (TargetResult& result : results) {
    for (auto& problem : result.problems) report.problems.push_back(std::move(problem));
    if (!result.diff.empty()) diffs.emplace_back(result.report ? result.report->path : "", std::move(result.diff));
    if (result.report) report.targets.push_back(std::move(*result.report));
  }
  std::stable_sort(report.targets.begin(), report.targets.end(),
                   [](const report::TargetReport& a, const report::TargetReport& b) { return a.path < b.path; });
  if (baseline) apply_baseline(report.targets, *baseline, today());
  if (!options.write_baseline.empty()) {
    const std::string directory = baseline_directory(options.write_baseline);
    const std::string text = baseline_text(report.targets, baseline ? &*baseline : nullptr, directory);
    if (auto error = fix::write_file_atomically(options.write_baseline, text)) {
      err << "emglint: cannot write the baseline: " << *error << '\n';
      return exit_code::trouble;
    }
    // What was just recorded is adopted: this run passes as the next one will.
    apply_baseline(report.targets, *parse_baseline(text, directory).baseline, today());
  }
  report.summary = report::summarize(report.targets);
  for (const auto& problem : report.problems) err << "emglint: " << problem << '\n';
  // Decided before anything is rendered: the output cannot change it.
  const int code = !report.problems.empty()         ? exit_code::trouble
                   : fails(report, options.fail_on) ? exit_code::findings
                                                    : exit_code::clean;
  report.exit_code = code;

  if (options.fix_mode == FixMode::diff) {
    std::sort(diffs.begin(), diffs.end());
    std::string patch;
    for (const auto& [path, diff] : diffs) patch += diff;
    write_plan(report, err);
    if (options.output_file.empty()) {
      out << patch;
    } else if (auto error = fix::write_file_atomically(options.output_file, patch)) {
      err << "emglint: cannot write the diff: " << *error << '\n';
      return exit_code::trouble;
    }
    return code;
  }

  const std::unique_ptr<reporters::Reporter> reporter = reporter_for(options, environment);
  if (options.output_file.empty()) {
    reporter->write(out, report);
  } else if (auto error = fix::write_file_atomically(options.output_file,
                                                     [&](std::ostream& file) { reporter->write(file, report); })) {
    err << "emglint: cannot write the report: " << *error << '\n';
    return exit_code::trouble;
  }
  return code;
}

}  // namespace emglint::cli
