#include "fix/planner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "fix/overlay.h"
#include "inspect/file_reader.h"
#include "rules/engine.h"
#include "report/fnv1a.h"
#include "report/paths.h"

namespace emglint::fix {

namespace {

namespace fs = std::filesystem;
using report::Finding;
using report::FsAction;
using report::TextEdit;

// Whether this run applies fixes of the fix's class.
bool wanted(const report::Fix& fix, const FixOptions& options) {
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

std::string canonical_or_empty(const fs::path& path) {
  std::error_code error;
  const fs::path real = fs::canonical(path, error);
  return error ? std::string() : real.string();
}

// What `--fix` may write: the target's server.cfg where it really lies inside
// the target (or the repository searched), a lone config the user named, and
// the named rc.local. Never through a link that leads elsewhere.
std::optional<std::string> refuse_to_write(const check::TargetSpec& spec, const check::TargetInput& input,
                                           report::FileId id, const FixOptions& options) {
  const report::SourceFile& file = input.files[id];
  if (file.real_path.empty()) return fmt::format("{}: cannot resolve where it lies; not written", file.display);
  if (input.rc_local_file && id == *input.rc_local_file) {
    if (!options.rc_local_named) {
      return fmt::format("{} was found, not named: --fix edits a boot script only when given with --rc-local FILE",
                         file.display);
    }
    if (options.rc_local_shared) {
      return fmt::format("{} is the boot script of several targets of this run: fix them one at a time",
                         file.display);
    }
    return std::nullopt;
  }
  if (id != input.config_file) return fmt::format("{}: not a file --fix writes", file.display);
  std::string container;
  std::error_code error;
  if (spec.kind == report::TargetKind::installation) {
    container = spec.path;
  } else if (!spec.root.empty() && fs::is_directory(spec.root, error)) {
    container = spec.root;
  }
  if (container.empty()) return std::nullopt;
  const std::string real_container = canonical_or_empty(container);
  if (real_container.empty()) return fmt::format("{}: cannot resolve where it lies; not written", container);
  if (!report::relative_inside(file.real_path, real_container)) {
    return fmt::format("{}: leads out of {}, to {}; not written", file.display, container, file.real_path);
  }
  return std::nullopt;
}

// The first name of PATH.emglint-bak, PATH.emglint-bak.1, ... that is free in `directory`.
std::string free_backup_name(const fs::path& directory, const std::string& name) {
  std::string backup = name + ".emglint-bak";
  struct stat existing {};
  for (int number = 1; ::lstat((directory / backup).c_str(), &existing) == 0; ++number) {
    backup = fmt::format("{}.emglint-bak.{}", name, number);
  }
  return backup;
}

// A planned fix before its text files are known as the plan's writes.
struct FixInProgress {
  report::AppliedFix applied;
  std::set<std::string> edited;  // in_target of the text files its edits went into
  std::vector<std::size_t> actions;
};

class Planner {
 public:
  Planner(const check::TargetSpec& spec, const check::TargetInput& input, const ExecutionRoots& roots,
          const Checker& check, const FixOptions& options, uid_t caller)
      : spec_(spec),
        original_(input),
        roots_(roots),
        overlay_(input),
        check_(check),
        options_(options),
        caller_(caller) {
    for (report::FileId id = 0; id < input.files.size(); ++id) {
      if (!input.files[id].has_text) continue;
      if (auto why = refuse_to_write(spec, input, id, options)) unwritable_[input.files[id].in_target] = *why;
    }
  }

  Plan run(report::TargetReport report, report::Phase phase) {
    for (int round = 1;; ++round) {
      const std::vector<const Finding*> chosen = choose(report);
      if (chosen.empty()) break;
      if (round > max_rounds) {
        return given_up(fmt::format("{}: the fixes did not settle after {} rounds; nothing was changed", spec_.path,
                                    max_rounds));
      }
      if (auto broken = apply(report, chosen)) return given_up(*broken);
      report::TargetReport next = check_(overlay_, phase);
      if (!next.syntax_error.empty()) {
        return given_up(fmt::format("{}: the fixes of {} would leave a syntax error; nothing was changed",
                                    next.syntax_error, rules_editing_config(report, chosen)));
      }
      report = std::move(next);
    }
    add_text_writes();
    return std::move(plan_);
  }

 private:
  // The fixes of this round: allowed, not refused before, and not touching
  // what another fix of the round touches (that one waits for the next round,
  // checked anew on the changed content).
  std::vector<const Finding*> choose(const report::TargetReport& report) {
    std::vector<const Finding*> chosen;
    std::map<report::FileId, std::vector<const TextEdit*>> claimed_edits;
    std::set<std::string> claimed;
    for (const Finding& finding : report.findings) {
      if (finding.suppression || !finding.fix || !wanted(*finding.fix, options_)) continue;
      if (refused_.contains(identity(report, finding)) || !can_apply(report, finding)) continue;
      const report::Fix& fix = *finding.fix;
      // A fix that overlaps another is the planner's to schedule: the other may not run at all.
      if (!fix.applicable && !fix.overlaps_earlier_fix) continue;
      const std::vector<std::string> paths = claimed_paths(fix);
      const bool clash =
          std::any_of(paths.begin(), paths.end(), [&](const std::string& path) { return claimed.contains(path); }) ||
          std::any_of(fix.edits.begin(), fix.edits.end(), [&](const TextEdit& edit) {
            const auto& taken = claimed_edits[edit.file];
            return std::any_of(taken.begin(), taken.end(),
                               [&](const TextEdit* other) { return rules::edits_overlap(edit, *other); });
          });
      if (clash) continue;
      claimed.insert(paths.begin(), paths.end());
      for (const TextEdit& edit : fix.edits) claimed_edits[edit.file].push_back(&edit);
      chosen.push_back(&finding);
    }
    return chosen;
  }

  // The paths of the target a fix's steps write or read, and the files whose
  // bytes let it replace a file without keeping it: two fixes that share one
  // wait for separate rounds, and the second is checked anew on the first's result.
  std::vector<std::string> claimed_paths(const report::Fix& fix) const {
    std::vector<std::string> paths;
    for (const FsAction& action : fix.actions) {
      paths.push_back(action.path);
      if (!action.from.empty()) paths.push_back(inside_target(action.from));
      const bool replaces_a_file = (action.kind == FsAction::Kind::symlink || action.kind == FsAction::Kind::copy) &&
                                   action.before.type == report::PathState::Type::regular;
      if (!replaces_a_file || !action.before.content_hash || !overlay_.installation) continue;
      for (const inspect::BinEntry& entry : overlay_.installation->bin) {
        if (entry.content_hash == action.before.content_hash) paths.push_back("bin/" + entry.name);
      }
    }
    return paths;
  }

  // `path` as the target names it: relative, when an absolute path lies inside it.
  std::string inside_target(const std::string& path) const {
    if (!path.starts_with('/')) return path;
    return report::relative_inside(path, roots_.target).value_or(path);
  }

  // Whether the fix's writes are ones --fix may make; a refusal is said once.
  bool can_apply(const report::TargetReport& report, const Finding& finding) {
    const report::Fix& fix = *finding.fix;
    if (fix.edits.empty() && fix.actions.empty()) return false;
    for (const TextEdit& edit : fix.edits) {
      const report::SourceFile& file = report.files[edit.file];
      if (!file.has_text) return refuse(report, finding, "it edits a file that was not read");
      if (auto why = unwritable_.find(file.in_target); why != unwritable_.end()) {
        return refuse(report, finding, why->second);
      }
    }
    if (!fix.actions.empty() && !overlay_.installation) return refuse(report, finding, "there is no installation");
    const bool in_bin = std::any_of(fix.actions.begin(), fix.actions.end(),
                                    [](const FsAction& action) { return action.path.starts_with("bin/"); });
    if (in_bin && bin_is_a_link()) return refuse(report, finding, "bin/ is a link, and --fix writes nothing through a link");
    return true;
  }

  bool bin_is_a_link() const {
    const auto& entries = overlay_.installation->entries;
    return std::any_of(entries.begin(), entries.end(),
                       [](const inspect::OwnedEntry& entry) { return entry.path == "bin" && entry.symlink; });
  }

  bool refuse(const report::TargetReport& report, const Finding& finding, std::string_view why) {
    refused_.insert(identity(report, finding));
    plan_.not_fixed.push_back(fmt::format("[{}] {}: {}", finding.rule->id, finding.object, why));
    return false;
  }

  // The round's steps, made on the overlay; an error when its edits cannot be made.
  std::optional<std::string> apply(const report::TargetReport& report, const std::vector<const Finding*>& chosen) {
    std::map<report::FileId, std::vector<TextEdit>> edits;
    for (const Finding* finding : chosen) {
      const report::Fix& fix = *finding->fix;
      FixInProgress planned{.applied = {finding->rule->id, report.files[finding->file].display, finding->object,
                                        fix.description},
                            .edited = {},
                            .actions = {}};
      for (const FsAction& action : fix.actions) {
        simulate(*overlay_.installation, action, overlay_.files[overlay_.config_file].in_target, caller_);
        planned.actions.push_back(plan_.actions.size());
        plan_.actions.push_back(action);
      }
      for (const TextEdit& edit : fix.edits) {
        edits[edit.file].push_back(edit);
        planned.edited.insert(report.files[edit.file].in_target);
      }
      fixes_.push_back(std::move(planned));
    }
    for (auto& [id, file_edits] : edits) {
      // An insertion goes before a replacement that starts where it is.
      std::stable_sort(file_edits.begin(), file_edits.end(), [](const TextEdit& a, const TextEdit& b) {
        return std::tie(a.span.begin, a.span.end) < std::tie(b.span.begin, b.span.end);
      });
      report::SourceFile& file = overlay_.files[*overlay_.files.find(report.files[id].in_target)];
      std::optional<std::string> edited = apply_text_edits(file.bytes, file_edits);
      if (!edited) return fmt::format("{}: the fixes' edits overlap or fall outside the file; nothing was changed", file.display);
      file.bytes = std::move(*edited);
      file.lines = report::LineIndex(file.bytes);
      file.content_hash = report::fnv1a(file.bytes);
    }
    return std::nullopt;
  }

  std::string rules_editing_config(const report::TargetReport& report, const std::vector<const Finding*>& chosen) const {
    std::set<std::string_view> rules;
    const std::string& config = overlay_.files[overlay_.config_file].in_target;
    for (const Finding* finding : chosen) {
      for (const TextEdit& edit : finding->fix->edits) {
        if (report.files[edit.file].in_target == config) rules.insert(finding->rule->id);
      }
    }
    return fmt::format("{}", fmt::join(rules, ", "));
  }

  Plan given_up(std::string problem) {
    Plan plan;
    plan.not_fixed = std::move(plan_.not_fixed);
    plan.problems.push_back(std::move(problem));
    return plan;
  }

  void add_text_writes();
  TextWrite text_write(const report::SourceFile& original, const report::SourceFile& edited) const;

  const check::TargetSpec& spec_;
  const check::TargetInput& original_;
  const ExecutionRoots& roots_;
  check::TargetInput overlay_;
  const Checker& check_;
  const FixOptions& options_;
  uid_t caller_;
  std::map<std::string, std::string> unwritable_;  // text files --fix may not write, and why
  std::set<std::string> refused_;
  std::vector<FixInProgress> fixes_;
  Plan plan_;
};

TextWrite Planner::text_write(const report::SourceFile& original, const report::SourceFile& edited) const {
  const bool rc_local = original_.rc_local_file && original_.files[*original_.rc_local_file].in_target == original.in_target;
  const fs::path real(original.real_path);
  TextWrite write{.root = rc_local ? Root::rc_local : Root::target,
                  .path = rc_local ? real.filename().string()
                                   : real.lexically_relative(roots_.target).generic_string(),
                  .display = original.display,
                  .original_hash = original.content_hash,
                  .original_size = original.bytes.size(),
                  .bytes = edited.bytes,
                  .backup = std::nullopt,
                  .backup_display = {},
                  .mode_after = std::nullopt};
  if (options_.backup) {
    const std::string backup = free_backup_name(real.parent_path(), real.filename().string());
    write.backup = (fs::path(write.path).parent_path() / backup).generic_string();
    // Named as the user named the file, unless that name is a link: then where the backup really is.
    const bool named_directly = fs::path(original.display).filename() == real.filename() &&
                                canonical_or_empty(fs::path(original.display).parent_path().empty()
                                                       ? fs::path(".")
                                                       : fs::path(original.display).parent_path()) ==
                                    real.parent_path().string();
    write.backup_display = named_directly ? (fs::path(original.display).parent_path() / backup).string()
                                          : (real.parent_path() / backup).string();
  }
  return write;
}

// Each changed text file becomes one write; steps on it that follow expect its new bytes.
void Planner::add_text_writes() {
  std::map<std::string, std::size_t> write_of;
  for (report::FileId id = 0; id < original_.files.size(); ++id) {
    const report::SourceFile& original = original_.files[id];
    if (!original.has_text) continue;
    const report::SourceFile& edited = overlay_.files[*overlay_.files.find(original.in_target)];
    if (edited.bytes == original.bytes) continue;
    TextWrite write = text_write(original, edited);
    for (FsAction& action : plan_.actions) {
      if (write.root != Root::target || action.path != write.path) continue;
      if (action.kind == FsAction::Kind::chmod && action.mode_bits()) write.mode_after = action.mode_bits();
      if (action.before.content_hash) action.before.content_hash = report::fnv1a(write.bytes);
    }
    write_of[original.in_target] = plan_.texts.size();
    plan_.texts.push_back(std::move(write));
  }
  for (FixInProgress& planned : fixes_) {
    PlannedFix fix{.applied = std::move(planned.applied), .texts = {}, .actions = std::move(planned.actions)};
    for (const std::string& file : planned.edited) {
      // Edits that, all rounds taken together, left the file as it was write nothing.
      if (auto write = write_of.find(file); write != write_of.end()) fix.texts.push_back(write->second);
    }
    plan_.fixes.push_back(std::move(fix));
  }
}

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

Plan plan_fixes(const check::TargetSpec& spec, const check::TargetInput& input, const ExecutionRoots& roots,
                const report::TargetReport& first, const Checker& check, report::Phase phase,
                const FixOptions& options, uid_t caller) {
  return Planner(spec, input, roots, check, options, caller).run(first, phase);
}

ExecutionRoots plan_roots(const check::TargetSpec& spec, const check::TargetInput& input) {
  ExecutionRoots roots;
  if (spec.kind == report::TargetKind::installation) {
    roots.target = canonical_or_empty(spec.path);
  } else {
    roots.target = fs::path(input.files[input.config_file].real_path).parent_path().string();
  }
  if (input.rc_local_file) {
    roots.rc_local = fs::path(input.files[*input.rc_local_file].real_path).parent_path().string();
  }
  return roots;
}

}  // namespace emglint::fix
