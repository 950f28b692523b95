#include "fix/fix_target.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include "analysis/config_index.h"
#include "fix/file_operations.h"
#include "fix/text_diff.h"
#include "parser/config_parser.h"
#include "rules/engine.h"

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

// `bytes` with every password of server.cfg masked, each line keeping its
// terminator: a password's own place in a config (`config`, when `bytes` is
// one), and its value wherever else it occurs (a comment, a boot script).
std::string masked_text(const std::string& bytes, const analysis::ConfigIndex& secrets,
                        const analysis::ConfigIndex* config) {
  const std::vector<std::size_t> starts = report::index_lines(bytes);
  if (starts.empty()) return bytes;
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
    text.remove_suffix(terminator.size());
    if (config != nullptr && !config->secrets_on(line).empty()) {
      masked += secrets.masked_text(config->masked_line(line));
    } else {
      masked += secrets.masked_text(std::string(text));
    }
    masked += terminator;
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
    // A phase not detected at all is a file that does not parse, which the next rail names.
    if (!pinned && !report.phase.certain && report.phase.detected) {
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
    for (const Original& original : originals_) {
      const report::FileId id = *input_.files.find(original.in_target);
      std::optional<std::string> why = refuse_to_write(spec_, input_, id);
      if (!why && input_.rc_local_file && id == *input_.rc_local_file) {
        if (!options_.rc_local_named) {
          why = fmt::format("{} was found, not named: --fix edits a boot script only when given with --rc-local FILE",
                            input_.files[id].display);
        } else if (options_.rc_local_shared) {
          why = fmt::format("{} is the boot script of several targets of this run: fix them one at a time",
                            input_.files[id].display);
        }
      }
      if (why) write_refusals_[original.in_target] = *why;
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
      if (broken_plan_) {
        roll_back();
        if (acted) reload();
        break;
      }
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
    report.phase = before.phase;  // how the phase was decided, not the pin the rounds used
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
      const auto unwritable = std::find_if(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& edit) {
        return write_refusals_.contains(report.files[edit.file].in_target);
      });
      if (unwritable != fix.edits.end()) {
        refuse(report, finding, write_refusals_.at(report.files[unwritable->file].in_target));
        continue;
      }
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
            return std::any_of(taken.begin(), taken.end(), [&](const TextEdit* other) { return rules::edits_overlap(edit, *other); });
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
      std::set<std::string> edited;
      for (const TextEdit& edit : fix.edits) edited.insert(report.files[edit.file].in_target);
      applied_edits_.push_back(std::move(edited));
    }
    for (auto& [id, file_edits] : edits) {
      // An insertion goes before a replacement that starts where it is.
      std::stable_sort(file_edits.begin(), file_edits.end(), [](const TextEdit& a, const TextEdit& b) {
        return std::tie(a.span.begin, a.span.end) < std::tie(b.span.begin, b.span.end);
      });
      report::SourceFile& file = input_.files[id];
      std::optional<std::string> edited = apply_text_edits(file.bytes, file_edits);
      if (!edited) {
        outcome_.problems.push_back(
            fmt::format("{}: the fixes' edits overlap or fall outside the file; no text file was changed", file.display));
        broken_plan_ = true;  // the caller rolls back
        return acted;
      }
      file.bytes = std::move(*edited);
      file.line_starts = report::index_lines(file.bytes);
    }
    return acted;
  }

  // The applied fixes that edited `in_target` did not happen after all; those
  // that only acted on the filesystem (a chmod) did.
  void forget_fixes_of(const std::string& in_target) {
    for (std::size_t i = applied_.size(); i-- > 0;) {
      if (!applied_edits_[i].contains(in_target)) continue;
      applied_.erase(applied_.begin() + static_cast<std::ptrdiff_t>(i));
      applied_edits_.erase(applied_edits_.begin() + static_cast<std::ptrdiff_t>(i));
    }
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
    for (const Original& original : originals_) {
      report::SourceFile* file = text_of(original);
      if (file == nullptr) continue;
      file->bytes = original.bytes;
      file->line_starts = report::index_lines(file->bytes);
      forget_fixes_of(original.in_target);
    }
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
        forget_fixes_of(original.in_target);
        continue;
      }
      if (!backup.empty()) backups_.push_back(file.display + backup.substr(file.real_path.size()));
    }
  }

  // The patch of every changed text file (passwords masked), then the actions.
  std::string diff() const {
    // The passwords of server.cfg as the check first read it.
    const Original* config_original = nullptr;
    for (const Original& original : originals_) {
      if (original.in_target == input_.files[input_.config_file].in_target) config_original = &original;
    }
    const config::ConfigModel secrets_model =
        config::parse_config(config_original != nullptr ? config_original->bytes : std::string(), "");
    const analysis::ConfigIndex secrets(secrets_model);
    std::string patch;
    for (const Original& original : originals_) {
      const report::SourceFile* changed = text_of(original);
      if (changed == nullptr || changed->bytes == original.bytes) continue;
      const report::SourceFile& file = *changed;
      const std::string old_label = file.inside_target ? "a/" + file.in_root : file.in_root;
      const std::string new_label = file.inside_target ? "b/" + file.in_root : file.in_root;
      std::string hunks = unified_diff(original.bytes, file.bytes, old_label, new_label);
      const bool is_config = &file == &input_.files[input_.config_file];
      // `secrets` indexes server.cfg as first read; only the new text needs parsing.
      const config::ConfigModel new_model = config::parse_config(is_config ? file.bytes : std::string(), "");
      const analysis::ConfigIndex new_index(new_model);
      std::string masked =
          unified_diff(masked_text(original.bytes, secrets, is_config ? &secrets : nullptr),
                       masked_text(file.bytes, secrets, is_config ? &new_index : nullptr), old_label, new_label);
      if (masked != hunks) {
        patch += fmt::format("# {}: passwords are shown as ***; this part is for reading, not for patch\n",
                             file.display);
        hunks = std::move(masked);
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
  std::vector<std::set<std::string>> applied_edits_;  // per applied fix: the text files it edited
  std::vector<std::string> not_fixed_;
  std::vector<std::string> backups_;
  bool broken_plan_ = false;
  std::map<std::string, std::string> write_refusals_;  // text files --fix may not write, and why
  FixOutcome outcome_;
};

}  // namespace

std::optional<std::string> apply_text_edits(std::string_view bytes, std::span<const TextEdit> edits) {
  std::string result;
  result.reserve(bytes.size());
  std::size_t at = 0;
  for (const TextEdit& edit : edits) {
    if (edit.span.begin < at || edit.span.end < edit.span.begin || edit.span.end > bytes.size()) return std::nullopt;
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
