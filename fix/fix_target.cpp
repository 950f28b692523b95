#include "fix/fix_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "analysis/config_index.h"
#include "fix/file_operations.h"
#include "fix/text_diff.h"
#include "parser/config_parser.h"

namespace emglint::fix {

namespace {

namespace fs = std::filesystem;
using report::Finding;
using report::FsAction;
using report::TextEdit;

// Targets are fixed in parallel, and a file outside them (one rc.local named
// for several installations) may be shared: its check and write go together.
std::mutex write_mutex;

bool allowed(const report::Fix& fix, const FixOptions& options) {
  if (!fix.applicable) return false;
  switch (fix.applicability) {
    case report::Applicability::safe: return true;
    case report::Applicability::unsafe: return options.unsafe;
    case report::Applicability::display_only: return false;
  }
  return false;
}

// A finding's identity across rounds: file ids may differ from one check to the next.
std::string identity(const report::TargetReport& report, const Finding& finding) {
  return fmt::format("{}\t{}\t{}", finding.rule->id, report.files[finding.file].in_target, finding.object);
}

std::string action_key(const FsAction& action) { return fmt::format("{}\t{}", to_string(action.kind), action.path); }

bool overlaps(const TextEdit& a, const TextEdit& b) {
  if (a.span.begin == a.span.end && b.span.begin == b.span.end) return false;  // two inserts keep their order
  return a.span.begin < b.span.end && b.span.begin < a.span.end;
}

// Each text file's bytes as the check first saw them, for the final write and
// for a rollback.
struct Original {
  std::string in_target;  // file ids may differ after the installation is inspected anew
  std::string bytes;
  std::uint64_t hash = 0;
};

// What `--fix` may write: the target's server.cfg where it really lies inside
// the target (or the repository searched), a lone config the user named, and
// the named rc.local. Never through a link that leads elsewhere.
std::optional<std::string> refuse_to_write(const check::TargetSpec& spec, const check::TargetInput& input,
                                           report::FileId id) {
  const report::SourceFile& file = input.files[id];
  if (file.real_path.empty()) return fmt::format("{}: cannot resolve where it lies; not written", file.display);
  if (input.rc_local_file && id == *input.rc_local_file) return std::nullopt;
  if (id != input.config_file) return fmt::format("{}: not a file --fix writes", file.display);
  std::string container;
  if (spec.kind == report::TargetKind::installation) {
    container = spec.path;
  } else {
    std::error_code error;
    if (!spec.root.empty() && fs::is_directory(spec.root, error)) container = spec.root;
  }
  if (container.empty()) return std::nullopt;
  std::error_code error;
  const fs::path real_container = fs::canonical(container, error);
  if (error) return fmt::format("{}: {}", container, error.message());
  const fs::path relation = fs::path(file.real_path).lexically_relative(real_container);
  if (relation.empty() || *relation.begin() == "..") {
    return fmt::format("{}: leads out of {}, to {}; not written", file.display, container, file.real_path);
  }
  return std::nullopt;
}

// `bytes` (a server.cfg) with every password masked, each line keeping its terminator.
std::string masked_config(const std::string& bytes, std::string_view name) {
  const config::ConfigModel config = config::parse_config(bytes, name);
  const analysis::ConfigIndex index(config);
  const auto starts = index.line_starts();
  if (index.secrets().empty() || starts.empty()) return bytes;
  std::string masked = bytes.substr(0, starts[0]);
  for (std::size_t line = 1; line <= starts.size(); ++line) {
    const std::size_t begin = starts[line - 1];
    const std::size_t next = line < starts.size() ? starts[line] : bytes.size();
    std::string_view text = std::string_view(bytes).substr(begin, next - begin);
    std::string_view terminator;
    if (text.ends_with("\r\n")) {
      terminator = "\r\n";
    } else if (text.ends_with('\n')) {
      terminator = "\n";
    }
    if (index.secrets_on(line).empty()) {
      masked += text;
    } else {
      masked += index.masked_line(line);
      masked += terminator;
    }
  }
  return masked;
}

class FixLoop {
 public:
  FixLoop(const check::TargetSpec& spec, const Loader& load, const Checker& check, const FixOptions& options)
      : spec_(spec), load_(load), check_(check), options_(options) {}

  FixOutcome run(std::optional<report::Phase> pinned) {
    input_ = load_();
    outcome_.problems = input_.problems;
    if (!input_.readable) return std::move(outcome_);
    report::TargetReport report = check_(input_, pinned);
    if (!pinned && !report.phase.certain) {
      report.not_fixed.push_back(
          "the signs disagree on the phase (EMG110), so nothing was fixed: name the phase with --phase");
      outcome_.report = std::move(report);
      return std::move(outcome_);
    }
    const report::SourceFile& config = input_.files[input_.config_file];
    if (!config::parse_config(config.bytes, config.in_target).errors.empty()) {
      report.not_fixed.push_back(fmt::format(
          "{} has syntax errors (EMG001), so nothing was fixed: a file that does not parse is never rewritten",
          config.display));
      outcome_.report = std::move(report);
      return std::move(outcome_);
    }
    phase_ = report.phase.effective;
    for (const report::SourceFile& file : input_.files.files()) {
      if (file.has_text) originals_.push_back({file.in_target, file.bytes, file.content_hash});
    }
    const report::TargetReport before = report;

    for (int round = 1;; ++round) {
      std::vector<const Finding*> chosen = choose(report);
      if (chosen.empty()) break;
      if (round > max_rounds) {
        outcome_.problems.push_back(
            fmt::format("{}: the fixes did not settle after {} rounds; no text file was changed", spec_.path,
                        max_rounds));
        roll_back();
        break;
      }
      const bool acted = apply(report, chosen);
      if (auto error = syntax_error_introduced(report, chosen)) {
        outcome_.problems.push_back(*error);
        roll_back();
        if (acted) reload();
        break;
      }
      if (acted) reload();
      report = check_(input_, phase_);
    }

    if (options_.write) {
      write_texts();
      // What is left, read back from disk: the report tells what is there, whatever happened.
      check::TargetInput now = load_();
      if (now.readable) report = check_(now, phase_);
    } else {
      outcome_.diff = diff();
      report = before;
    }
    report.fixed = std::move(applied_);
    report.not_fixed = std::move(not_fixed_);
    report.backups = std::move(backups_);
    outcome_.report = std::move(report);
    return std::move(outcome_);
  }

 private:
  // The fixes of this round: allowed, not refused before, and not touching
  // what another fix of the round touches (that one waits for the next round,
  // checked anew on the changed content).
  std::vector<const Finding*> choose(const report::TargetReport& report) {
    std::vector<const Finding*> chosen;
    std::map<report::FileId, std::vector<const TextEdit*>> claimed;
    std::set<std::string> acted_on;
    for (const Finding& finding : report.findings) {
      if (finding.suppression || !finding.fix || !allowed(*finding.fix, options_)) continue;
      if (refused_.contains(identity(report, finding))) continue;
      const report::Fix& fix = *finding.fix;
      // --diff changes nothing on disk, so the rule proposes a planned action again: it is done.
      const bool new_action = std::any_of(fix.actions.begin(), fix.actions.end(), [&](const FsAction& action) {
        return !planned_actions_.contains(action_key(action));
      });
      if (!options_.write && fix.edits.empty() && !new_action) continue;
      const bool clash =
          std::any_of(fix.actions.begin(), fix.actions.end(),
                      [&](const FsAction& action) { return acted_on.contains(action.path); }) ||
          std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& edit) {
            const auto& taken = claimed[edit.file];
            return std::any_of(taken.begin(), taken.end(), [&](const TextEdit* other) { return overlaps(edit, *other); });
          });
      if (clash) continue;
      for (const FsAction& action : fix.actions) acted_on.insert(action.path);
      for (const TextEdit& edit : fix.edits) claimed[edit.file].push_back(&edit);
      chosen.push_back(&finding);
    }
    return chosen;
  }

  // Runs the round's filesystem actions (with --fix) and makes its text edits
  // in memory; true when something on disk changed.
  bool apply(const report::TargetReport& report, const std::vector<const Finding*>& chosen) {
    bool acted = false;
    std::map<report::FileId, std::vector<TextEdit>> edits;
    for (const Finding* finding : chosen) {
      const report::Fix& fix = *finding->fix;
      const bool texts_only = std::all_of(fix.edits.begin(), fix.edits.end(),
                                          [&](const TextEdit& edit) { return input_.files[edit.file].has_text; });
      if (!texts_only) {
        refuse(report, *finding, "it edits a file that was not read");
        continue;
      }
      std::optional<std::string> failed;
      for (const FsAction& action : fix.actions) {
        if (planned_actions_.contains(action_key(action)) && !options_.write) continue;
        planned_actions_.insert(action_key(action));
        actions_.push_back(action);
        if (!options_.write) continue;
        const std::lock_guard lock(write_mutex);
        failed = apply_action(spec_.path, action);
        if (failed) break;
        acted = true;
      }
      if (failed) {
        outcome_.problems.push_back(fmt::format("{}: [{}] {}", spec_.path, finding->rule->id, *failed));
        refuse(report, *finding, *failed);
        continue;
      }
      for (const TextEdit& edit : fix.edits) edits[edit.file].push_back(edit);
      applied_.push_back({finding->rule->id, report.files[finding->file].display, finding->object, fix.description});
    }
    for (auto& [id, file_edits] : edits) {
      std::stable_sort(file_edits.begin(), file_edits.end(),
                       [](const TextEdit& a, const TextEdit& b) { return a.span.begin < b.span.begin; });
      report::SourceFile& file = input_.files[id];
      file.bytes = apply_text_edits(file.bytes, file_edits);
      file.line_starts = report::index_lines(file.bytes);
    }
    return acted;
  }

  // The text file as this run holds it; nullptr when a later load no longer read it.
  report::SourceFile* text_of(const Original& original) {
    const auto id = input_.files.find(original.in_target);
    return id && input_.files[*id].has_text ? &input_.files[*id] : nullptr;
  }
  const report::SourceFile* text_of(const Original& original) const {
    const auto id = input_.files.find(original.in_target);
    return id && input_.files[*id].has_text ? &input_.files[*id] : nullptr;
  }

  void refuse(const report::TargetReport& report, const Finding& finding, std::string_view why) {
    refused_.insert(identity(report, finding));
    not_fixed_.push_back(fmt::format("[{}] {}: {}", finding.rule->id, finding.object, why));
  }

  std::optional<std::string> syntax_error_introduced(const report::TargetReport& report,
                                                     const std::vector<const Finding*>& chosen) const {
    const report::SourceFile& config = input_.files[input_.config_file];
    const config::ConfigModel parsed = config::parse_config(config.bytes, config.in_target);
    if (parsed.errors.empty()) return std::nullopt;
    std::set<std::string_view> rules;
    for (const Finding* finding : chosen) {
      for (const TextEdit& edit : finding->fix->edits) {
        if (report.files[edit.file].in_target == config.in_target) rules.insert(finding->rule->id);
      }
    }
    const config::SyntaxError& error = parsed.errors.front();
    return fmt::format("{}:{}:{}: the fixes of {} would leave a syntax error ({}); no text file was changed",
                       config.display, error.at.line, error.at.column, fmt::join(rules, ", "), error.message);
  }

  // Every text file back to its original bytes; nothing counts as fixed in them.
  void roll_back() {
    std::set<std::string> texts;
    for (const Original& original : originals_) {
      report::SourceFile* file = text_of(original);
      if (file == nullptr) continue;
      texts.insert(file->display);
      file->bytes = original.bytes;
      file->line_starts = report::index_lines(file->bytes);
    }
    std::erase_if(applied_, [&](const report::AppliedFix& fix) { return texts.contains(fix.file); });
  }

  // After filesystem actions the installation is inspected anew, with the
  // texts as this run has changed them in memory.
  void reload() {
    check::TargetInput fresh = load_();
    for (const Original& original : originals_) {
      const report::SourceFile* edited = text_of(original);
      if (edited == nullptr) continue;
      const auto id = fresh.files.find(original.in_target);
      if (!id || !fresh.files[*id].has_text) {
        outcome_.problems.push_back(fmt::format("{}: no longer readable, left alone", edited->display));
        continue;
      }
      fresh.files[*id].bytes = edited->bytes;
      fresh.files[*id].line_starts = edited->line_starts;
    }
    for (auto& problem : fresh.problems) {
      if (std::find(outcome_.problems.begin(), outcome_.problems.end(), problem) == outcome_.problems.end()) {
        outcome_.problems.push_back(std::move(problem));
      }
    }
    if (fresh.readable) input_ = std::move(fresh);
  }

  void write_texts() {
    for (const Original& original : originals_) {
      const report::SourceFile* changed = text_of(original);
      if (changed == nullptr || changed->bytes == original.bytes) continue;
      const report::SourceFile& file = *changed;
      std::optional<std::string> error = refuse_to_write(spec_, input_, *input_.files.find(original.in_target));
      std::string backup;
      if (!error) {
        // Against the hash of the bytes the fixes were made on: a change made meanwhile is never overwritten.
        const std::lock_guard lock(write_mutex);
        error = replace_text_file(file.real_path, original.hash, file.bytes, options_.backup, &backup);
      }
      if (error) {
        outcome_.problems.push_back(*error);
        std::erase_if(applied_, [&](const report::AppliedFix& fix) { return fix.file == file.display; });
        continue;
      }
      if (!backup.empty()) backups_.push_back(file.display + backup.substr(file.real_path.size()));
    }
  }

  // The patch of every changed text file (passwords masked), then the actions.
  std::string diff() const {
    std::string patch;
    for (const Original& original : originals_) {
      const report::SourceFile* changed = text_of(original);
      if (changed == nullptr || changed->bytes == original.bytes) continue;
      const report::SourceFile& file = *changed;
      const std::string old_label = file.inside_target ? "a/" + file.in_root : file.in_root;
      const std::string new_label = file.inside_target ? "b/" + file.in_root : file.in_root;
      std::string hunks = unified_diff(original.bytes, file.bytes, old_label, new_label);
      if (&file == &input_.files[input_.config_file]) {
        std::string masked = unified_diff(masked_config(original.bytes, file.in_target),
                                          masked_config(file.bytes, file.in_target), old_label, new_label);
        if (masked != hunks) {
          patch += fmt::format("# {}: passwords are shown as ***; this part is for reading, not for patch\n",
                               file.display);
          hunks = std::move(masked);
        }
      }
      patch += hunks;
    }
    if (!actions_.empty()) {
      patch += fmt::format("# filesystem actions, to run in {}:\n", spec_.path);
      for (const FsAction& action : actions_) patch += shell_command(action) + '\n';
    }
    return patch;
  }

  const check::TargetSpec& spec_;
  const Loader& load_;
  const Checker& check_;
  const FixOptions& options_;
  check::TargetInput input_;
  report::Phase phase_ = report::Phase::prepare;
  std::vector<Original> originals_;
  std::set<std::string> refused_;
  std::set<std::string> planned_actions_;
  std::vector<FsAction> actions_;
  std::vector<report::AppliedFix> applied_;
  std::vector<std::string> not_fixed_;
  std::vector<std::string> backups_;
  FixOutcome outcome_;
};

}  // namespace

std::string apply_text_edits(std::string_view bytes, std::span<const TextEdit> edits) {
  std::string result;
  result.reserve(bytes.size());
  std::size_t at = 0;
  for (const TextEdit& edit : edits) {
    result.append(bytes.substr(at, edit.span.begin - at));
    result += edit.replacement;
    at = edit.span.end;
  }
  result.append(bytes.substr(at));
  return result;
}

FixOutcome fix_with(const check::TargetSpec& spec, const Loader& load, const Checker& check,
                    std::optional<report::Phase> pinned, const FixOptions& fix_options) {
  return FixLoop(spec, load, check, fix_options).run(pinned);
}

FixOutcome fix_target(const check::TargetSpec& spec, const check::CheckOptions& options,
                      std::optional<report::Phase> pinned, const FixOptions& fix_options) {
  const Loader load = [&] { return check::load_target(spec, options); };
  const Checker check = [&](const check::TargetInput& input, std::optional<report::Phase> phase) {
    return check::check_target(input, options, phase);
  };
  return fix_with(spec, load, check, pinned, fix_options);
}

}  // namespace emglint::fix
