#include "analysis/open_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "analysis/keywords.h"
#include "analysis/rc_local_analysis.h"
#include "inspect/installation.h"

namespace emglint::analysis {

namespace {

// INSTANCES is whatever a file says, up to the largest int64: every sum and
// product of it stops at the largest number rather than wrap to a negative one.
constexpr std::int64_t largest = std::numeric_limits<std::int64_t>::max();

std::int64_t saturating_add(std::int64_t a, std::int64_t b) { return a > largest - b ? largest : a + b; }

// The sum of INSTANCES over CONNECTOR blocks, 1 where absent or unreadable.
std::int64_t connector_instances(const config::ConfigModel& config) {
  std::int64_t total = 0;
  for (const auto& block : config.blocks) {
    if (!is_block_kind(block, "CONNECTOR")) continue;
    const config::Option* instances = block_option(block, "INSTANCES");
    std::int64_t count = 1;
    if (instances != nullptr && instances->value()) {
      const std::string_view text = *instances->value();
      std::int64_t parsed = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (error == std::errc{} && end == text.data() + text.size() && parsed >= 0) count = parsed;
    }
    total = saturating_add(total, count);
  }
  return total;
}

}  // namespace

std::vector<OpenFilesLimit> open_files_limits(const CheckSettings& settings, const inspect::Installation* installation,
                                              const inspect::RcLocalFacts* rc_local,
                                              const RcLocalAnalysis* rc_local_analysis,
                                              const WatchdogPamLimits* watchdog_pam) {
  std::vector<OpenFilesLimit> limits;
  if (settings.ulimit) {
    limits.push_back({OpenFilesLimit::Source::option, *settings.ulimit, "--ulimit", 0});
    return limits;
  }
  if (rc_local != nullptr && rc_local_analysis != nullptr) {
    const RcLocalAnalysis& analysis = *rc_local_analysis;
    const RcLocalUlimit* ulimit = analysis.applied();
    // A value the kernel refuses fails the command, which then sets nothing (EMG606).
    if (ulimit != nullptr && !ulimit->refused()) {
      const rclocal::OpenFilesValue& value = ulimit->value;
      const auto& command = rc_local->model.commands[ulimit->command];
      OpenFilesLimit limit{OpenFilesLimit::Source::rc_local, value.limit.value_or(0),
                           fmt::format("{}:{}", rc_local->path, command.line), ulimit->command};
      if (ulimit->kind == RcLocalUlimit::Value::unknown) limit.unresolved = value.word;
      limits.push_back(std::move(limit));
    }
  }
  if (watchdog_pam != nullptr && watchdog_pam->verdict == WatchdogPamLimits::Verdict::sets) {
    // A `ulimit -n` inside the watchdog's own su runs after PAM: it replaces
    // PAM's soft limit, but cannot rise above PAM's hard one.
    const bool ulimit_after_pam = rc_local != nullptr && rc_local_analysis != nullptr &&
                                  rc_local_analysis->ulimit_in_watchdog_su(rc_local->model);
    auto applied = ulimit_after_pam ? watchdog_pam->hard : watchdog_pam->effective_soft();
    // A hard limit alone caps whatever soft limit the watchdog brings along.
    if (!applied) applied = watchdog_pam->hard;
    if (applied) {
      OpenFilesLimit limit{OpenFilesLimit::Source::pam, applied->limit, applied->where, 0};
      limit.file = applied->where.substr(0, applied->where.rfind(':'));
      limits.push_back(std::move(limit));
    }
  }
  if (installation != nullptr) {
    for (const auto& process : installation->running_emgd) {
      if (!process.max_open_files) continue;
      limits.push_back(
          {OpenFilesLimit::Source::process, *process.max_open_files, fmt::format("/proc/{}/limits", process.pid), 0});
    }
  }
  return limits;
}

report::TargetFacts compute_facts(const config::ConfigModel& config, const CheckSettings& settings,
                                  const std::vector<OpenFilesLimit>& limits) {
  report::TargetFacts facts;
  facts.connector_instances = settings.instances.value_or(connector_instances(config));
  facts.open_files_needed = saturating_add(facts.connector_instances, facts.connector_instances);
  // Every limit applies at once (rc.local for the next boot, a running emgd
  // now), so the lowest is the one EMG runs into; the first of equal ones is
  // named. A limit of unknown size tells nothing the facts could state.
  const auto binds_before = [](std::int64_t limit, std::int64_t other) {
    if (limit < 0) return false;  // unlimited binds last
    return other < 0 || limit < other;
  };
  const OpenFilesLimit* binding = nullptr;
  for (const OpenFilesLimit& limit : limits) {
    if (limit.unresolved) continue;
    facts.open_files_sources.push_back({.source = limit.where, .limit = limit.limit});
    if (binding == nullptr || binds_before(limit.limit, binding->limit)) binding = &limit;
  }
  if (binding != nullptr) {
    facts.open_files_limit = binding->limit;
    facts.open_files_source = binding->where;
  }
  return facts;
}

std::int64_t recommended_open_files(std::int64_t needed) {
  const std::int64_t rounded = saturating_add(needed, 1023) / 1024 * 1024;
  // Past the last multiple of 1024, only the largest number is at least `needed`.
  return std::max<std::int64_t>(rounded >= needed ? rounded : largest, 4096);
}

}  // namespace emglint::analysis
