#include "rules/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "analysis/keywords.h"
#include "inspect/installation.h"
#include "rules/registry.h"
#include "rules/shared_fixes.h"

namespace emglint::rules {

// ruff's rule. Two insertions at one place overlap: which goes first would be a guess.
bool edits_overlap(const TextEdit& a, const TextEdit& b) {
  if (a.file != b.file) return false;
  const bool a_inserts = a.span.begin == a.span.end;
  const bool b_inserts = b.span.begin == b.span.end;
  if (a_inserts && b_inserts) return a.span.begin == b.span.begin;
  if (a_inserts) return b.span.begin < a.span.begin && a.span.begin < b.span.end;
  if (b_inserts) return a.span.begin < b.span.begin && b.span.begin < a.span.end;
  return a.span.begin < b.span.end && b.span.begin < a.span.end;
}

namespace {

bool matches_any(std::string_view rule_id, const std::vector<std::string>& patterns) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) { return names_rule(pattern, rule_id); });
}

bool has_what_it_needs(Scope scope, const CheckContext& context) {
  switch (scope) {
    case Scope::config: return true;
    case Scope::installation: return context.installation != nullptr;
    case Scope::open_files: return context.installation != nullptr || context.settings.ulimit.has_value();
    case Scope::rc_local: return context.rc_local != nullptr;
  }
  return false;
}

std::optional<report::SkippedCheck> missing_input(const RuleInfo& info, const CheckContext& context);

// Why the rule cannot run where server.cfg was withheld (EMG901): it rests on
// the file's content, or on a phase that the file's absence leaves undetected
// (a rule of every phase needs none).
std::optional<report::SkippedCheck> withheld_input(const RuleInfo& info, const CheckContext& context) {
  if (!context.config_withheld) return std::nullopt;
  if (context.phase.detected && !info.phases.contains(context.phase.effective)) return std::nullopt;
  if (info.scope == Scope::config || info.reads_config) {
    return report::SkippedCheck{.rule = info.id, .reason = fmt::format("needs {}, withheld", context.config_name)};
  }
  if (!context.phase.detected && !info.phases.is_all()) {
    return report::SkippedCheck{.rule = info.id,
                                .reason = fmt::format("needs --phase while {} is withheld", context.config_name)};
  }
  return std::nullopt;
}

bool applies(const RuleInfo& info, const CheckContext& context) {
  if (withheld_input(info, context)) return false;
  if (!has_what_it_needs(info.scope, context) || !info.phases.contains(context.phase.effective)) return false;
  // Without the host's process table, "nothing runs" would be a guess.
  return info.needs != report::Needs::running_system || !missing_input(info, context);
}

// Order findings by file, line, column, rule: the same input gives the same bytes.
void sort_findings(std::vector<Finding>& findings, const report::FileTable& files) {
  const auto key = [&](const Finding& finding) {
    const std::size_t line = finding.span ? finding.span->line : 0;
    const std::size_t column = finding.span ? finding.span->column : 0;
    return std::make_tuple(std::string_view(files[finding.file].in_target), line, column, finding.rule->id,
                           std::string_view(finding.message));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

std::string position(const report::FileTable& files, const Finding& finding) {
  const std::string& path = files[finding.file].in_target;
  return finding.span ? fmt::format("{}:{}:{}", path, finding.span->line, finding.span->column) : path;
}

// A fix's own edits, in file order; overlapping ones make it not applicable.
void order_edits(Fix& fix) {
  std::stable_sort(fix.edits.begin(), fix.edits.end(), [](const TextEdit& a, const TextEdit& b) {
    return std::tie(a.file, a.span.begin, a.span.end) < std::tie(b.file, b.span.begin, b.span.end);
  });
  for (std::size_t i = 1; i < fix.edits.size(); ++i) {
    if (!edits_overlap(fix.edits[i - 1], fix.edits[i])) continue;
    fix.applicable = false;
    fix.note = "its own edits overlap";
    return;
  }
}

// clang-tidy's rule: of two fixes that touch the same bytes or path, the first
// (in report order) stays applicable; the later one is reported with a note.
void mark_overlapping_fixes(std::vector<Finding>& findings, const report::FileTable& files) {
  // The claimed edits of each file, by where they start.
  std::map<FileId, std::multimap<std::size_t, std::pair<TextEdit, std::size_t>>> claimed;
  std::map<std::string, std::size_t> claimed_paths;
  const auto conflict = [&](const TextEdit& edit) -> std::optional<std::size_t> {
    const auto& ranges = claimed[edit.file];
    // Claimed replacements never overlap one another, so only those that start
    // last before the edit (with any insertion there) can reach into it.
    auto at = ranges.lower_bound(edit.span.begin);
    if (at != ranges.begin()) at = ranges.lower_bound(std::prev(at)->first);
    for (; at != ranges.end() && at->first <= edit.span.end; ++at) {
      if (edits_overlap(at->second.first, edit)) return at->second.second;
    }
    return std::nullopt;
  };
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!findings[i].fix || !findings[i].fix->applicable) continue;
    Fix& fix = *findings[i].fix;
    if (fix.applicability == Applicability::display_only) continue;
    std::optional<std::size_t> owner;
    for (const TextEdit& edit : fix.edits) {
      if (!owner) owner = conflict(edit);
    }
    for (const FsAction& action : fix.actions) {
      if (auto found = claimed_paths.find(action.path); !owner && found != claimed_paths.end()) owner = found->second;
    }
    if (owner) {
      fix.applicable = false;
      fix.overlaps_earlier_fix = true;
      fix.note =
          fmt::format("overlaps the fix of {} at {}", findings[*owner].rule->id, position(files, findings[*owner]));
      continue;
    }
    for (const TextEdit& edit : fix.edits) claimed[edit.file].emplace(edit.span.begin, std::make_pair(edit, i));
    for (const FsAction& action : fix.actions) claimed_paths.try_emplace(action.path, i);
  }
}

// Why no fix of this check may be applied, whatever the rule: a config that
// does not parse is never rewritten, and with signs of two phases a fix could
// write the wrong one.
std::optional<std::string> fix_rail(const CheckContext& context) {
  if (!context.config.errors.empty()) {
    return fmt::format("{} has syntax errors (EMG001): a file that does not parse is never rewritten",
                       context.config_name);
  }
  if (!context.phase.certain) return "the phase is uncertain (EMG110): give --phase to apply it";
  return std::nullopt;
}

constexpr std::string_view offline_reason = "--offline";

// What of the rule cannot run on this target for want of an input, and why.
std::optional<report::SkippedCheck> missing_input(const RuleInfo& info, const CheckContext& context) {
  const inspect::Installation& installation = *context.installation;
  const auto skipped = [&info](std::string reason, report::SkippedCheck::Part part = report::SkippedCheck::Part::rule) {
    return report::SkippedCheck{.rule = info.id, .reason = std::move(reason), .part = part};
  };
  if (info.scope == Scope::rc_local && context.rc_local == nullptr) {
    return skipped("needs an rc.local (--rc-local FILE)");
  }
  switch (info.needs) {
    case report::Needs::nothing: break;
    case report::Needs::dist:
      if (!installation.dist) return skipped("needs --dist");
      break;
    case report::Needs::dist_for_fix:
      if (!installation.dist) return skipped("needs --dist", report::SkippedCheck::Part::fix);
      if (context.analysis.distribution && context.analysis.distribution->needs_probe) {
        return skipped("needs --probe-versions", report::SkippedCheck::Part::fix);
      }
      break;
    case report::Needs::probes:
      if (!context.settings.probe_versions) return skipped("needs --probe-versions");
      break;
    case report::Needs::running_system:
      if (installation.process_scan == inspect::ProcessScan::offline) return skipped(std::string(offline_reason));
      if (installation.process_scan == inspect::ProcessScan::unreadable) return skipped("needs a readable /proc");
      if (!installation.owner_account) {
        return skipped(fmt::format("the owner, {}, is no user of this host", installation.root_owner_name));
      }
      // Another user sees neither the owner's processes' binaries nor, under hidepid, the processes.
      if (!installation.scanned_as_root_or_owner) return skipped("needs root or the installation's owner");
      if (info.id == "EMG805" && context.settings.watchdog_pattern.empty()) return skipped("needs a watchdog pattern");
      break;
  }
  return std::nullopt;
}

}  // namespace

std::vector<report::SkippedCheck> skipped_checks(const CheckContext& context, const Selection& selection) {
  std::vector<report::SkippedCheck> skipped;
  if (context.installation == nullptr) return skipped;
  for (const Rule* rule : all_rules()) {
    if (!selection.selects(rule->info.id)) continue;
    if (auto withheld = withheld_input(rule->info, context)) {
      skipped.push_back(std::move(*withheld));
      continue;
    }
    if (!rule->info.phases.contains(context.phase.effective)) continue;
    if (auto missing = missing_input(rule->info, context)) skipped.push_back(std::move(*missing));
    // A copy of an installation has no running emgd whose limit EMG501 could read.
    if (rule->info.id == "EMG501" && context.installation->process_scan == inspect::ProcessScan::offline) {
      skipped.push_back(
          {.rule = rule->info.id, .reason = std::string(offline_reason), .part = report::SkippedCheck::Part::running_emgd_source});
    }
  }
  return skipped;
}

bool names_rule(std::string_view pattern, std::string_view rule_id) {
  return rule_id.size() >= pattern.size() && analysis::iequals(rule_id.substr(0, pattern.size()), pattern);
}

bool Selection::selects(std::string_view rule_id) const {
  if (!select.empty() && !matches_any(rule_id, select)) return false;
  return !matches_any(rule_id, ignore);
}

Selection Selection::narrowed_to(std::string_view rule_id) const {
  Selection narrowed{.select = {std::string(rule_id)}, .ignore = ignore};
  if (!selects(rule_id)) narrowed.ignore.emplace_back(rule_id);
  return narrowed;
}

RulesRun run_rules(const CheckContext& context, const Selection& selection, report::FileTable& files) {
  std::vector<Finding> findings;
  std::vector<std::string_view> ran;
  std::vector<const Rule*> reviewing;
  for (const Rule* rule : all_rules()) {
    if (!selection.selects(rule->info.id) || !applies(rule->info, context)) continue;
    if (rule->review != nullptr) {
      reviewing.push_back(rule);
      continue;
    }
    ran.push_back(rule->info.id);
    Findings sink(rule->info, context, files, findings);
    rule->check(context, sink);
    sink.finish();
  }
  std::sort(ran.begin(), ran.end());
  for (const Rule* rule : reviewing) {
    // Its findings join the list only after it has read the list whole.
    std::vector<Finding> reviewed;
    Findings sink(rule->info, context, files, reviewed);
    rule->review(context, Review{.findings = findings, .ran = ran}, sink);
    sink.finish();
    findings.insert(findings.end(), std::make_move_iterator(reviewed.begin()), std::make_move_iterator(reviewed.end()));
  }
  for (Finding& finding : findings) {
    if (!finding.fix) continue;
    if (context.installation != nullptr) keep_replaced_bytes(*finding.fix, *context.installation);
    // Shown, never applied, never counted as fixable: --fix refuses the whole target then.
    if (const auto rail = fix_rail(context)) {
      finding.fix->applicability = Applicability::display_only;
      finding.fix->note = *rail;
    }
    order_edits(*finding.fix);
  }
  sort_findings(findings, files);
  mark_overlapping_fixes(findings, files);
  for (const Rule* rule : reviewing) ran.push_back(rule->info.id);
  std::sort(ran.begin(), ran.end());
  return {.findings = std::move(findings), .ran = std::move(ran)};
}

}  // namespace emglint::rules
