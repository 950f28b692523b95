#include "rules/phase_detection.h"

#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "rules/keywords.h"
#include "rules/secrets.h"

namespace emglint::rules {

namespace {

std::string backend_evidence(const config::ConfigModel& config, const config::Option* backend,
                             std::string_view config_file) {
  if (backend == nullptr) return fmt::format("no active BACKEND in {}", config_file);
  return fmt::format("{} at {}:{}", shown_option(config, *backend), config_file, backend->span.line);
}

// Evidence that 7.2 has run here: another tool links to 7.2, its store exists, or the log shows it started.
std::optional<std::string> evidence_of_7_2(const inspect::Installation& installation) {
  for (std::string_view tool : inspect::emg_tools) {
    if (tool == "emgd") continue;
    const ToolResolution resolution = resolve_tool(installation, tool);
    if (resolution.version && resolution.version->is_release(7, 2) && !resolution.assumed) return resolution.evidence;
  }
  if (installation.leveldb != inspect::StoreState::absent) return std::string("spool/leveldb exists");
  if (installation.general_log && installation.general_log->last_start) {
    const auto& start = *installation.general_log->last_start;
    const auto version = inspect::parse_version_output(start.text);
    if (version && version->is_release(7, 2)) return fmt::format("log/general:{} shows a 7.2 start", start.line);
  }
  return std::nullopt;
}

}  // namespace

const config::Option* active_backend(const config::ConfigModel& config) {
  const auto backends = general_options(config, "BACKEND");
  return backends.empty() ? nullptr : backends.back();
}

BackendStore backend_store(std::string_view value) {
  const std::string_view meant = meant_value(value);
  if (meant.empty()) return BackendStore::empty;
  if (iequals(meant, "TC") || iequals(meant, "FILE")) return BackendStore::tokyocabinet;
  if (iequals(meant, "LEVELDB")) return BackendStore::leveldb;
  return BackendStore::profile;
}

bool is_tokyocabinet(const config::Option& backend) {
  return backend.value && backend_store(*backend.value) == BackendStore::tokyocabinet;
}

PhaseDecision detect_phase(const config::ConfigModel& config, std::string_view config_file,
                           const inspect::Installation* installation) {
  PhaseDecision decision;
  const config::Option* backend = active_backend(config);
  const bool tokyocabinet = backend != nullptr && is_tokyocabinet(*backend);
  const std::string backend_note = backend_evidence(config, backend, config_file);

  const ToolResolution emgd = installation ? resolve_tool(*installation, "emgd") : ToolResolution{};
  if (installation == nullptr || !emgd.version) {
    if (installation != nullptr) decision.evidence.push_back(emgd.evidence);
    decision.evidence.push_back(backend_note);
    decision.effective = backend == nullptr ? Phase::commit : Phase::prepare;
    return decision;
  }

  decision.evidence.push_back(emgd.evidence);
  if (emgd.version->is_release(7, 2)) {
    decision.evidence.push_back(backend_note);
    decision.effective = tokyocabinet ? Phase::start : Phase::commit;
    return decision;
  }
  if (auto ran = evidence_of_7_2(*installation)) {
    decision.evidence.push_back(*ran);
    decision.effective = Phase::downgrade;
  } else {
    decision.evidence.push_back(backend_note);
    decision.effective = Phase::prepare;
  }
  return decision;
}

std::int64_t connector_instances(const config::ConfigModel& config) {
  std::int64_t total = 0;
  for (const auto& block : config.blocks) {
    if (!is_block_kind(block, "CONNECTOR")) continue;
    const config::Option* instances = block_option(block, "INSTANCES");
    std::int64_t count = 1;
    if (instances != nullptr && instances->value) {
      const std::string& text = *instances->value;
      std::int64_t parsed = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
      if (error == std::errc{} && end == text.data() + text.size() && parsed >= 0) count = parsed;
    }
    // Saturate: an absurd INSTANCES must not overflow the sum.
    total = count > std::numeric_limits<std::int64_t>::max() - total ? std::numeric_limits<std::int64_t>::max()
                                                                     : total + count;
  }
  return total;
}

}  // namespace emglint::rules
