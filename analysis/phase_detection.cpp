#include "analysis/phase_detection.h"

#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/secrets.h"

namespace emglint::analysis {

namespace {

std::string backend_evidence(const config::ConfigModel& config, const config::Option* backend,
                             std::string_view config_file) {
  if (backend == nullptr) return fmt::format("no active BACKEND in {}", config_file);
  return fmt::format("{} at {}:{}", shown_option(config, *backend), config_file, backend->span.line);
}

// Evidence that 7.2 has run here: another tool links to 7.2, its store exists, or the log shows it started.
std::optional<std::string> evidence_of_7_2(const inspect::Installation& installation,
                                           std::span<const ToolResolution> tools) {
  for (std::size_t i = 0; i < tools.size() && i < inspect::emg_tools.size(); ++i) {
    if (inspect::emg_tools[i] == "emgd") continue;
    const ToolResolution& resolution = tools[i];
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

report::PhaseDecision detect_phase(const ConfigIndex& index, std::string_view config_file,
                                   const inspect::Installation* installation, std::span<const ToolResolution> tools) {
  using report::Phase;
  const config::ConfigModel& config = index.config();
  report::PhaseDecision decision;
  const config::Option* backend = index.active_backend();
  const bool tokyocabinet = backend != nullptr && is_tokyocabinet(*backend);
  const std::string backend_note = backend_evidence(config, backend, config_file);

  const ToolResolution* resolved_emgd = resolution_of(tools, "emgd");
  const ToolResolution emgd = installation && resolved_emgd ? *resolved_emgd : ToolResolution{};
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
  if (auto ran = evidence_of_7_2(*installation, tools)) {
    decision.evidence.push_back(*ran);
    decision.effective = Phase::downgrade;
  } else {
    decision.evidence.push_back(backend_note);
    decision.effective = Phase::prepare;
  }
  return decision;
}

}  // namespace emglint::analysis
