#include "analysis/pam_limits.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <vector>

namespace emglint::analysis {

namespace {

using inspect::PamLimitsFacts;
using inspect::PamServiceFile;

// pam_limits ranks where a line comes from; a line replaces a limit set by a
// line of its own rank or a lower one (a larger number), never a higher one.
enum Rank : int { user_rank = 0, group_rank = 1, default_rank = 4, no_rank = 6 };

enum class Applies { yes, no, unknown };

// Where pam_limits stands in a session stack, if it does.
struct StackSearch {
  const pam::ServiceEntry* pam_limits = nullptr;
  std::string pam_limits_at;
  std::string missing;  // the first file of the stack that could not be read, with why
};

std::string unreadable(const PamServiceFile& file) {
  return file.read_error.empty() ? fmt::format("{} does not exist", file.path)
                                 : fmt::format("{} cannot be read: {}", file.path, file.read_error);
}

// The first session line running pam_limits.so in `name` and what it includes, in PAM's order.
void search_stack(const PamLimitsFacts& facts, const std::string& name, int depth, StackSearch& search) {
  const PamServiceFile* file = facts.service(name);
  if (file == nullptr || depth > inspect::max_pam_include_depth) {
    if (search.missing.empty()) {
      search.missing = fmt::format("`{}` is included deeper than {} levels", name, inspect::max_pam_include_depth);
    }
    return;
  }
  if (!file->exists || !file->read_error.empty()) {
    if (search.missing.empty()) search.missing = unreadable(*file);
    return;
  }
  for (const auto& entry : file->entries) {
    if (search.pam_limits != nullptr) return;
    if (entry.kind == pam::ServiceEntry::Kind::include) {
      if (entry.includes_type("session")) search_stack(facts, entry.target, depth + 1, search);
      continue;
    }
    if (entry.type == "session" && entry.module_name() == "pam_limits.so") {
      search.pam_limits = &entry;
      search.pam_limits_at = fmt::format("{}:{}", file->path, entry.line);
    }
  }
}

// What a numeric range in a domain (`1000:`, `:1000`, `1000:2000`) admits; nullopt when it is no valid range.
struct Range {
  std::uint64_t min = 0;
  std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  bool exact_one = false;  // `:N`
};

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<Range> range_of(std::string_view domain) {
  const auto colon = domain.find(':');
  Range range;
  const std::string_view low = domain.substr(0, colon);
  const std::string_view high = domain.substr(colon + 1);
  if (low.empty()) {
    const auto exact = number(high);
    if (!exact) return std::nullopt;
    range.min = range.max = *exact;
    range.exact_one = true;
    return range;
  }
  const auto min = number(low);
  if (!min) return std::nullopt;
  range.min = *min;
  if (high.empty()) return range;
  const auto max = number(high);
  if (!max) return std::nullopt;
  range.max = *max;
  return range;
}

// Whether a line's domain applies to `user`, and with which rank; nullopt for
// a domain that never sets an open-files limit (`%`, for maxlogins only) or is invalid.
struct DomainMatch {
  Applies applies = Applies::no;
  int rank = no_rank;
};

std::optional<DomainMatch> match_domain(const std::string& domain, const std::string& user,
                                        const inspect::UserAccount* account) {
  if (domain == user) return DomainMatch{Applies::yes, user_rank};
  if (domain.starts_with('%')) return std::nullopt;
  const bool group = domain.starts_with('@');
  const std::string_view rest = group ? std::string_view(domain).substr(1) : std::string_view(domain);
  if (rest.find(':') == std::string_view::npos) {
    if (!group) return domain == "*" ? std::optional(DomainMatch{Applies::yes, default_rank}) : DomainMatch{};
    if (account == nullptr) return DomainMatch{Applies::unknown, group_rank};
    return DomainMatch{account->in_group(rest) ? Applies::yes : Applies::no, group_rank};
  }
  const auto range = range_of(rest);
  if (!range) return std::nullopt;
  const int rank = group ? group_rank : user_rank;
  if (account == nullptr) return DomainMatch{Applies::unknown, rank};
  // `@:GID` asks every group of the user; a gid range only its primary group.
  const std::uint64_t id = group ? account->gid : account->uid;
  if (group && range->exact_one) {
    return DomainMatch{account->in_group(static_cast<std::uint32_t>(range->min)) ? Applies::yes : Applies::no, rank};
  }
  return DomainMatch{id >= range->min && id <= range->max ? Applies::yes : Applies::no, rank};
}

// A value as pam_limits reads it: -1 for no limit; nullopt where it would skip the line.
std::optional<std::int64_t> limit_value(std::string_view value) {
  if (value == "-1" || value == "-" || value == "unlimited" || value == "infinity") return -1;
  // strtoul: the leading digits count, the rest is ignored.
  std::size_t digits = 0;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  std::int64_t parsed = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + digits, parsed);
  if (error != std::errc{}) return -1;  // beyond any real limit
  return parsed;
}

// The `nofile` limits the limits files set for `user`, in pam_limits' order.
struct LimitsOutcome {
  std::optional<PamNofileLimit> soft;
  std::optional<PamNofileLimit> hard;
  int soft_rank = no_rank;
  int hard_rank = no_rank;
  std::string exemption;
  // The most binding line whose domain may or may not apply, with its rank.
  std::string undecided;
  int undecided_rank = no_rank;
  bool undecided_exemption = false;
};

// Folds one file into `outcome`; false once an exemption ends the reading.
bool fold_limits(const inspect::LimitsFile& file, const std::string& user, const inspect::UserAccount* account,
                 LimitsOutcome& outcome) {
  for (const auto& entry : file.entries) {
    const std::string where = fmt::format("{}:{}", file.path, entry.line);
    if (entry.exemption) {
      // `*` exempts nobody; a user, a group or a range does.
      if (entry.domain == "*") continue;
      const auto match = match_domain(entry.domain, user, account);
      if (!match || match->applies == Applies::no) continue;
      if (match->applies == Applies::unknown) {
        if (!outcome.undecided_exemption) outcome.undecided = where;
        outcome.undecided_exemption = true;
        continue;
      }
      outcome.exemption = where;
      return false;
    }
    if (entry.item != "nofile") continue;
    const bool soft = entry.type == "soft" || entry.type == "-";
    const bool hard = entry.type == "hard" || entry.type == "-";
    if (!soft && !hard) continue;
    const auto value = limit_value(entry.value);
    if (!value) continue;
    const auto match = match_domain(entry.domain, user, account);
    if (!match || match->applies == Applies::no) continue;
    if (match->applies == Applies::unknown) {
      if (match->rank < outcome.undecided_rank) {
        outcome.undecided_rank = match->rank;
        if (!outcome.undecided_exemption) outcome.undecided = where;
      }
      continue;
    }
    // As pam_limits: a soft limit held by a higher rank stops the line, its hard part too.
    if (soft) {
      if (outcome.soft_rank < match->rank) continue;
      outcome.soft = PamNofileLimit{*value, where};
      outcome.soft_rank = match->rank;
    }
    if (hard) {
      if (outcome.hard_rank < match->rank) continue;
      outcome.hard = PamNofileLimit{*value, where};
      outcome.hard_rank = match->rank;
    }
  }
  return true;
}

// What keeps the limits files from being known; nullopt when every one was read (or does not exist).
std::optional<std::string> unreadable_limits(const PamLimitsFacts& facts) {
  if (!facts.limits_conf.read_error.empty()) {
    return fmt::format("{} cannot be read: {}", facts.limits_conf.path, facts.limits_conf.read_error);
  }
  if (!facts.limits_d_error.empty()) {
    return fmt::format("{} cannot be listed: {}", facts.limits_d, facts.limits_d_error);
  }
  for (const auto& file : facts.limits_d_files) {
    if (!file.read_error.empty()) return fmt::format("{} cannot be read: {}", file.path, file.read_error);
  }
  return std::nullopt;
}

bool binds_before(std::int64_t limit, std::int64_t other) {
  if (limit < 0) return false;  // unlimited binds last
  return other < 0 || limit < other;
}

}  // namespace

std::optional<PamNofileLimit> WatchdogPamLimits::effective_soft() const {
  if (!soft) return std::nullopt;
  if (hard && binds_before(hard->limit, soft->limit)) return hard;
  return soft;
}

std::optional<WatchdogPamLimits> watchdog_pam_limits(const PamLimitsFacts& facts, const rclocal::RcLocalModel& model,
                                                     const RcLocalAnalysis& rc_local,
                                                     const inspect::UserAccount* account) {
  if (!rc_local.watchdog || !rc_local.watchdog_su) return std::nullopt;
  WatchdogPamLimits result;
  const rclocal::ShellCommand& su = model.commands[*rc_local.watchdog_su];
  result.user = rclocal::su_user(su);
  result.login = model.commands[*rc_local.watchdog].su_login;
  // The groups and uid of the installation's owner say nothing about another user.
  if (account != nullptr && account->name != result.user) account = nullptr;

  // `su -` opens the session of su-l where it exists, else that of su.
  std::string service = "su";
  if (result.login) {
    const PamServiceFile* login = facts.service("su-l");
    if (login != nullptr && (login->exists || !login->read_error.empty())) service = "su-l";
  }
  const PamServiceFile* file = facts.service(service);
  result.service = file != nullptr ? file->path : service;
  StackSearch search;
  search_stack(facts, service, 0, search);
  if (search.pam_limits == nullptr) {
    result.verdict =
        search.missing.empty() ? WatchdogPamLimits::Verdict::no_pam_limits : WatchdogPamLimits::Verdict::unknown;
    result.why_unknown = search.missing;
    const PamServiceFile* login = facts.service("su-l");
    if (result.login && service == "su" && login != nullptr && file != nullptr && !file->exists) {
      result.why_unknown = fmt::format("neither {} nor {} exists", login->path, file->path);
    }
    return result;
  }
  result.pam_limits = search.pam_limits_at;
  for (const auto& argument : search.pam_limits->arguments) {
    if (argument == "set_all") result.set_all = true;
    if (argument.starts_with("conf=")) {
      result.verdict = WatchdogPamLimits::Verdict::unknown;
      result.why_unknown =
          fmt::format("pam_limits at {} reads `{}` instead of limits.conf", result.pam_limits, argument.substr(5));
      return result;
    }
  }
  if (auto why = unreadable_limits(facts)) {
    result.verdict = WatchdogPamLimits::Verdict::unknown;
    result.why_unknown = std::move(*why);
    return result;
  }

  LimitsOutcome outcome;
  if (fold_limits(facts.limits_conf, result.user, account, outcome)) {
    for (const auto& limits_file : facts.limits_d_files) {
      if (!fold_limits(limits_file, result.user, account, outcome)) break;
    }
  }
  // A line that may apply decides unless a line of a higher rank is known to.
  const bool undecided = outcome.undecided_exemption ||
                         (!outcome.undecided.empty() &&
                          (outcome.undecided_rank <= outcome.soft_rank || outcome.undecided_rank <= outcome.hard_rank));
  if (undecided) {
    result.verdict = WatchdogPamLimits::Verdict::unknown;
    result.why_unknown = fmt::format(
        "whether the line at {} applies to `{}` is not known: only the installation owner's groups and "
        "uid are looked up",
        outcome.undecided, result.user);
    return result;
  }
  if (!outcome.exemption.empty()) {
    result.verdict = WatchdogPamLimits::Verdict::exempt;
    result.exemption = outcome.exemption;
    return result;
  }
  result.soft = outcome.soft;
  result.hard = outcome.hard;
  result.verdict =
      result.soft || result.hard ? WatchdogPamLimits::Verdict::sets : WatchdogPamLimits::Verdict::no_nofile_line;
  return result;
}

}  // namespace emglint::analysis
