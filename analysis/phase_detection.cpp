#include "analysis/phase_detection.h"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/keywords.h"
#include "analysis/secrets.h"

namespace emglint::analysis {

namespace {

std::string backend_evidence(const config::ConfigModel& config, const config::Option* backend,
                             std::string_view config_file) {
  if (backend == nullptr) return fmt::format("no active BACKEND in {}", config_file);
  return fmt::format("{} at {}:{}", shown_option(config, *backend), config_file, backend->span.line);
}

// Evidence that 7.2 has run here: another tool links to 7.2, its store
// exists, or the log shows a 7.2 start (also before a later 7.1 one).
std::optional<std::string> evidence_of_7_2(const inspect::Installation& installation,
                                           std::span<const ToolResolution> tools) {
  for (std::size_t i = 0; i < tools.size() && i < inspect::emg_tools.size(); ++i) {
    if (inspect::emg_tools[i] == "emgd") continue;
    const ToolResolution& resolution = tools[i];
    if (resolution.version && resolution.version->is_release(7, 2) && !resolution.assumed) return resolution.evidence;
  }
  if (installation.leveldb != inspect::StoreState::absent) return std::string("spool/leveldb exists");
  if (installation.general_log && installation.general_log->last_7_2_start) {
    return fmt::format("{}:{} shows a 7.2 start", installation.general_log_path,
                       installation.general_log->last_7_2_start->line);
  }
  return std::nullopt;
}

// A sign of the config or the store, for the commit phase or against it.
// Strong signs are steps the procedure takes on purpose; a weak one may be an
// omission (a BACKEND never added) or a step not yet taken (a DB block not
// yet rewritten).
struct Sign {
  std::string text;
  bool strong = true;
};

struct Signs {
  std::vector<Sign> commit;
  std::vector<Sign> before_commit;

  [[nodiscard]] static std::size_t count(const std::vector<Sign>& signs, bool strong) {
    return static_cast<std::size_t>(
        std::count_if(signs.begin(), signs.end(), [&](const Sign& sign) { return sign.strong == strong; }));
  }
  // Certain when the strong signs are all on one side, or there are none and nothing speaks for commit.
  [[nodiscard]] bool agree() const {
    const std::size_t strong_commit = count(commit, true);
    const std::size_t strong_before = count(before_commit, true);
    if (strong_commit == 0 && strong_before == 0) return commit.empty();
    return strong_commit == 0 || strong_before == 0;
  }
  // The side most signs support, strong ones first; a tie goes to the earlier phase.
  [[nodiscard]] bool favour_commit() const {
    const auto strong = std::make_pair(count(commit, true), count(before_commit, true));
    if (strong.first != strong.second) return strong.first > strong.second;
    return count(commit, false) > count(before_commit, false);
  }
};

// What server.cfg (and, for an installation on 7.2, spool/leveldb) says of commit.
Signs config_signs(const ConfigIndex& index, std::string_view config_file, bool installation,
                   const inspect::Installation* store) {
  const config::ConfigModel& config = index.config();
  Signs signs;
  const auto at = [&](std::size_t line) { return fmt::format("{}:{}", config_file, line); };
  if (const config::Option* backend = index.active_backend()) {
    const std::string shown = fmt::format("{} at {}", shown_option(config, *backend), at(backend->span.line));
    switch (backend->value ? backend_store(*backend->value) : BackendStore::empty) {
      case BackendStore::tokyocabinet: signs.before_commit.push_back({shown}); break;
      case BackendStore::leveldb:
      case BackendStore::profile:
        // A lone config with any active BACKEND is read as before commit (rules.md).
        if (installation) signs.commit.push_back({shown});
        break;
      case BackendStore::unreadable:
        // EMG cannot use such a value, but the line shows a BACKEND added and
        // kept, as before commit, when what it means is TC (EMG103 says the rest).
        if (meant_backend_store(*backend->value) == BackendStore::tokyocabinet) {
          signs.before_commit.push_back({shown + " (EMG reads the whole value)"});
        }
        break;
      case BackendStore::empty: break;
    }
  } else {
    if (const config::Comment* commented = index.commented_backend()) {
      signs.commit.push_back({fmt::format("BACKEND commented out at {}", at(commented->span.line))});
    } else if (installation) {
      // Never added, or deleted at commit instead of commented out: which one, nothing says.
      signs.commit.push_back({fmt::format("no BACKEND in {}", config_file), false});
    }
  }
  for (const config::Block* db : index.db_profiles()) {
    if (const config::Option* address = block_option(*db, "ADDRESS")) {
      signs.commit.push_back(
          {fmt::format("block `{} {}` in the ADDRESS form at {}", db->kind, db->name, at(address->span.line))});
      continue;
    }
    const auto legacy = std::find_if(db->options.begin(), db->options.end(),
                                     [](const config::Option& option) { return is_legacy_db_key(option.key); });
    if (legacy != db->options.end()) {
      signs.before_commit.push_back(
          {fmt::format("block `{} {}` in the 7.1 form at {}", db->kind, db->name, at(legacy->span.line)), false});
    }
  }
  for (const config::Option* option : index.options()) {
    if (!iequals(option->key, "DLR_TO_SAME_IP")) continue;
    signs.commit.push_back({fmt::format("DLR_TO_SAME_IP at {}", at(option->span.line))});
    break;
  }
  if (store != nullptr && store->leveldb == inspect::StoreState::not_empty) {
    signs.commit.push_back({"spool/leveldb holds data"});
  }
  return signs;
}

std::vector<std::string> texts(const std::vector<Sign>& signs) {
  std::vector<std::string> result;
  for (const Sign& sign : signs) result.push_back(sign.text);
  return result;
}

// Settles a reading between `before` (a phase before commit) and commit.
void weigh(report::PhaseDecision& decision, const Signs& signs, report::Phase before, bool favour_commit) {
  const bool commit = favour_commit;
  decision.effective = commit ? report::Phase::commit : before;
  const auto& chosen = commit ? signs.commit : signs.before_commit;
  const auto& other = commit ? signs.before_commit : signs.commit;
  for (const std::string& text : texts(chosen)) decision.evidence.push_back(text);
  // Certain only when no strong sign speaks against the reading taken (a lone
  // config with an active BACKEND is read as before commit whatever it shows).
  decision.certain = signs.agree() && Signs::count(other, true) == 0;
  if (decision.certain) return;
  decision.evidence_against = texts(other);
  decision.alternatives.push_back({commit ? before : report::Phase::commit, texts(other)});
}

}  // namespace

BackendStore backend_store(std::string_view value) {
  if (value.empty()) return BackendStore::empty;
  if (iequals(value, "TC") || iequals(value, "FILE")) return BackendStore::tokyocabinet;
  if (iequals(value, "LEVELDB")) return BackendStore::leveldb;
  if (value.find_first_of(" \t") != std::string_view::npos) return BackendStore::unreadable;
  return BackendStore::profile;
}

BackendStore meant_backend_store(std::string_view value) { return backend_store(meant_value(value)); }

bool is_tokyocabinet(const config::Option& backend) {
  return backend.value && backend_store(*backend.value) == BackendStore::tokyocabinet;
}

report::PhaseDecision detect_phase(const ConfigIndex& index, std::string_view config_file,
                                   const inspect::Installation* installation, std::span<const ToolResolution> tools) {
  using report::Phase;
  report::PhaseDecision decision;
  const ToolResolution* resolved_emgd = resolution_of(tools, "emgd");
  const ToolResolution emgd = installation && resolved_emgd ? *resolved_emgd : ToolResolution{};

  if (installation == nullptr || !emgd.version) {
    // A lone config (or bin/emgd that runs nothing): the config alone decides,
    // commit only with a sign of it and no active BACKEND (rules.md).
    if (installation != nullptr) decision.evidence.push_back(emgd.evidence);
    const Signs signs = config_signs(index, config_file, false, nullptr);
    const bool commit = Signs::count(signs.commit, true) > 0 && index.active_backend() == nullptr;
    // An active BACKEND of another store is no sign here, yet it is why the config is read as before commit.
    const config::Option* backend = index.active_backend();
    if (backend != nullptr && !(backend->value && meant_backend_store(*backend->value) == BackendStore::tokyocabinet)) {
      decision.evidence.push_back(backend_evidence(index.config(), backend, config_file) + " (active)");
    }
    if (backend == nullptr && signs.commit.empty() && signs.before_commit.empty()) {
      decision.evidence.push_back(fmt::format("no active BACKEND in {} and no sign of commit", config_file));
    }
    weigh(decision, signs, Phase::prepare, commit);
    return decision;
  }

  decision.evidence.push_back(emgd.evidence);
  if (emgd.version->is_release(7, 2)) {
    // The binaries say 7.2: the config and the store tell start from commit.
    const Signs signs = config_signs(index, config_file, true, installation);
    weigh(decision, signs, Phase::start, signs.favour_commit());
    return decision;
  }

  // The binaries say 7.1: downgrade once 7.2 has run, else prepare. Signs of
  // commit in the config then disagree with what runs.
  const auto ran = evidence_of_7_2(*installation, tools);
  decision.effective = ran ? Phase::downgrade : Phase::prepare;
  if (ran) decision.evidence.push_back(*ran);
  Signs signs = config_signs(index, config_file, true, nullptr);
  if (index.active_backend() == nullptr) {
    decision.evidence.push_back(backend_evidence(index.config(), nullptr, config_file));
  }
  for (const std::string& text : texts(signs.before_commit)) decision.evidence.push_back(text);
  std::erase_if(signs.commit, [](const Sign& sign) { return !sign.strong; });  // not yet prepared, not committed
  if (!signs.commit.empty()) {
    decision.certain = false;
    decision.evidence_against = texts(signs.commit);
    decision.alternatives.push_back({Phase::commit, texts(signs.commit)});
  }
  return decision;
}

}  // namespace emglint::analysis
