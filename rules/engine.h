// Runs the rules that apply to a target's phase and scope, and hands back
// their findings sorted, with fixes settled: each fix's edits in order, a fix
// that overlaps an earlier one marked not applicable. Their text is as the
// rules wrote it: check::conceal_secrets masks it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace emglint::rules {

// Whether a `--select`/`--ignore` word (an ID or an ID prefix, any case) names the rule.
[[nodiscard]] bool names_rule(std::string_view pattern, std::string_view rule_id);

// Whether two edits cannot both be made: one starts strictly inside the other,
// or both insert at one place. An insertion where a replacement starts does not
// overlap it: it goes first (edits are made in (begin, end) order).
[[nodiscard]] bool edits_overlap(const TextEdit& a, const TextEdit& b);

// `--select` / `--ignore`: rule IDs or ID prefixes (`EMG2`, `EMG201`).
struct Selection {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;
  [[nodiscard]] bool selects(std::string_view rule_id) const;
  // This selection less every rule but `rule_id`.
  [[nodiscard]] Selection narrowed_to(std::string_view rule_id) const;
};

struct RulesRun {
  std::vector<Finding> findings;
  std::vector<std::string_view> ran;  // the IDs of the rules that ran, sorted
};

// Findings about files the check did not read (bin/ paths) add entries to `files`.
[[nodiscard]] RulesRun run_rules(const CheckContext& context, const Selection& selection, report::FileTable& files);

// The selected checks of the target's phase that an installation's check left
// out for want of an input (--dist, --probe-versions, an rc.local), and why:
// whole rules, or the fixes of rules that ran.
// A lone config lists none: the installation checks do not concern it.
[[nodiscard]] std::vector<report::SkippedCheck> skipped_checks(const CheckContext& context, const Selection& selection);

}  // namespace emglint::rules
