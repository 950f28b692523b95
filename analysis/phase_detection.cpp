#include "analysis/phase_detection.h"

#include <fmt/format.h>

#include <algorithm>

#include "analysis/keywords.h"
#include "analysis/secrets.h"

namespace emglint::analysis {

namespace {

using report::Phase;

// What server.cfg says, weighed by intent (rules.md, "Phase detection"): steps
// the operator takes on purpose count; consequences (no BACKEND, data in
// spool/leveldb) and mistakes (DLR_TO_SAME_IP beside BACKEND=TC) do not.
struct ConfigSigns {
  std::vector<std::string> commit;           // deliberate commit steps
  std::optional<std::string> prepare;        // an active TokyoCabinet BACKEND, the deliberate prepare step
  std::optional<std::string> other_backend;  // an active BACKEND that names no store this reading knows
};

bool approved(const InlineSuppressions& suppressions, std::size_t line) {
  return suppressions.silencing("EMG201", line) != nullptr;
}

ConfigSigns read_config_signs(const ConfigIndex& index, std::string_view config_file,
                              const InlineSuppressions& suppressions) {
  ConfigSigns signs;
  const auto at = [&](std::size_t line) { return fmt::format("{}:{}", config_file, line); };
  const config::Option* backend = index.active_backend();
  if (backend != nullptr) {
    const std::string shown = fmt::format("{} at {}", index.shown_option(*backend), at(backend->line()));
    switch (backend->value() ? backend_store(*backend->value()) : BackendStore::empty) {
      case BackendStore::tokyocabinet: signs.prepare = shown; break;
      case BackendStore::leveldb:
      case BackendStore::profile: signs.commit.push_back(shown); break;
      case BackendStore::unreadable:
        // EMG cannot use such a value, but a BACKEND meant as TC was added and
        // kept on purpose, as before commit (EMG103 says the rest).
        if (meant_backend_store(*backend->value()) == BackendStore::tokyocabinet) {
          signs.prepare = shown + " (EMG reads the whole value)";
        } else {
          signs.other_backend = shown;
        }
        break;
      case BackendStore::empty: signs.other_backend = shown; break;
    }
  } else if (const config::Comment* commented = index.commented_backend()) {
    signs.commit.push_back(fmt::format("BACKEND commented out at {}", at(commented->line())));
  }
  // Rewriting the DB blocks is one step of the commit, however many blocks it touched.
  for (const config::Block* db : index.db_profiles()) {
    if (const config::Option* address = block_option(*db, "ADDRESS")) {
      signs.commit.push_back(
          fmt::format("block `{} {}` in the ADDRESS form at {}", db->kind(), db->name(), at(address->line())));
      break;
    }
  }
  // Beside BACKEND=TC, DLR_TO_SAME_IP is the mistake prepare step 2 warns of
  // (EMG201), and a line an inline suppression approves is no step at all.
  if (!signs.prepare) {
    for (const config::Option& option : index.options()) {
      if (!iequals(option.key(), "DLR_TO_SAME_IP") || approved(suppressions, option.line())) continue;
      signs.commit.push_back(fmt::format("DLR_TO_SAME_IP at {}", at(option.line())));
      break;
    }
  }
  return signs;
}

// History: 7.2 has run here once.
std::optional<std::string> evidence_of_7_2(const inspect::Installation& installation) {
  if (installation.general_log && installation.general_log->last_7_2_start) {
    return fmt::format("{}:{} shows a 7.2 start", installation.general_log_path,
                       installation.general_log->last_7_2_start->line);
  }
  if (installation.leveldb == inspect::StoreState::not_empty) return std::string("spool/leveldb holds data");
  return std::nullopt;
}

// The release most of the six other tools run, when any tells: 7.`minor`.
struct OtherTools {
  unsigned minor = 1;
  std::string evidence;
};
std::optional<OtherTools> other_tools_release(std::span<const ToolResolution> tools) {
  std::size_t on_7_1 = 0;
  std::size_t on_7_2 = 0;
  for (std::size_t i = 0; i < tools.size() && i < inspect::emg_tools.size(); ++i) {
    if (inspect::emg_tools[i] == "emgd" || !tools[i].version) continue;
    if (tools[i].version->is_release(7, 2)) {
      ++on_7_2;
    } else {
      ++on_7_1;
    }
  }
  if (on_7_1 == 0 && on_7_2 == 0) return std::nullopt;
  const unsigned minor = on_7_2 > on_7_1 ? 2 : 1;
  return OtherTools{minor, fmt::format("{} of the other tools run 7.{}", minor == 2 ? on_7_2 : on_7_1, minor)};
}

// Builds a decision: the reading taken, its evidence, and the readings the
// signs also allow, each with the signs that speak for it.
class Decision {
 public:
  void take(Phase phase) {
    decision_.effective = phase;
    std::erase_if(decision_.alternatives, [&](const report::PhaseReading& reading) { return reading.phase == phase; });
  }
  void because(std::string evidence) { decision_.evidence.push_back(std::move(evidence)); }
  void also(Phase phase, std::vector<std::string> evidence) {
    if (phase == decision_.effective) return;
    for (const std::string& item : evidence) {
      if (std::find(decision_.evidence_against.begin(), decision_.evidence_against.end(), item) ==
          decision_.evidence_against.end()) {
        decision_.evidence_against.push_back(item);
      }
    }
    for (report::PhaseReading& reading : decision_.alternatives) {
      if (reading.phase != phase) continue;
      reading.evidence.insert(reading.evidence.end(), evidence.begin(), evidence.end());
      return;
    }
    decision_.certain = false;
    decision_.alternatives.push_back({phase, std::move(evidence)});
  }
  [[nodiscard]] Phase effective() const { return decision_.effective; }
  [[nodiscard]] report::PhaseDecision done() && { return std::move(decision_); }

 private:
  report::PhaseDecision decision_;
};

// Start or commit, on 7.2: deliberate steps decide; none at all (a BACKEND
// never added) leaves both open.
void weigh_start_or_commit(Decision& decision, const ConfigSigns& signs, std::string_view config_file) {
  if (signs.prepare && signs.commit.empty()) {
    decision.take(Phase::start);
    decision.because(*signs.prepare);
    return;
  }
  if (!signs.prepare && !signs.commit.empty()) {
    decision.take(Phase::commit);
    for (const std::string& sign : signs.commit) decision.because(sign);
    return;
  }
  if (signs.prepare) {
    // Both: the side with more deliberate steps, a tie to the earlier phase.
    const bool commit = signs.commit.size() > 1;
    decision.take(commit ? Phase::commit : Phase::start);
    if (commit) {
      for (const std::string& sign : signs.commit) decision.because(sign);
      decision.also(Phase::start, {*signs.prepare});
    } else {
      decision.because(*signs.prepare);
      decision.also(Phase::commit, signs.commit);
    }
    return;
  }
  // Neither: BACKEND never added, or deleted at commit instead of commented out.
  decision.take(Phase::start);
  if (signs.other_backend) {
    decision.because(*signs.other_backend + " (active)");
    decision.also(Phase::commit, {*signs.other_backend + " (active)"});
    return;
  }
  decision.because(fmt::format("no BACKEND in {}, as when it was never added", config_file));
  decision.also(Phase::commit, {fmt::format("no BACKEND in {}, as when commit deleted it", config_file)});
}

report::PhaseDecision lone_config(const ConfigSigns& signs, std::string_view config_file,
                                  std::optional<std::string> binaries) {
  Decision decision;
  if (binaries) decision.because(std::move(*binaries));
  if (!signs.commit.empty() && !signs.prepare) {
    decision.take(Phase::commit);
    for (const std::string& sign : signs.commit) decision.because(sign);
    return std::move(decision).done();
  }
  // The config invariants of prepare, start and downgrade are the same.
  decision.take(Phase::prepare);
  if (signs.prepare) {
    decision.because(*signs.prepare);
  } else if (signs.other_backend) {
    decision.because(*signs.other_backend + " (active)");
  } else {
    decision.because(fmt::format("no active BACKEND in {} and no sign of commit", config_file));
  }
  if (!signs.commit.empty()) decision.also(Phase::commit, signs.commit);
  return std::move(decision).done();
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
  return backend.value() && backend_store(*backend.value()) == BackendStore::tokyocabinet;
}

report::PhaseDecision detect_phase(const ConfigIndex& index, std::string_view config_file,
                                   const inspect::Installation* installation, std::span<const ToolResolution> tools,
                                   const InlineSuppressions& suppressions) {
  const ConfigSigns signs = read_config_signs(index, config_file, suppressions);
  if (installation == nullptr) return lone_config(signs, config_file, std::nullopt);

  const ToolResolution* resolved_emgd = resolution_of(tools, "emgd");
  const ToolResolution emgd = resolved_emgd != nullptr ? *resolved_emgd : ToolResolution{};
  const std::optional<OtherTools> others = other_tools_release(tools);
  // Nothing in bin/ runs a known release: the config alone decides.
  if (!emgd.version && !others) return lone_config(signs, config_file, emgd.evidence);

  const std::optional<std::string> ran = evidence_of_7_2(*installation);
  const std::string never_ran = "no sign that 7.2 ever ran here";
  Decision decision;
  decision.because(emgd.evidence);
  // emgd missing or dangling: the other tools, and whether 7.2 ran, decide;
  // with emgd itself in dispute no reading is certain where both remain.
  const unsigned release = emgd.version ? (emgd.version->is_release(7, 2) ? 2 : 1) : others->minor;
  if (!emgd.version) decision.because(others->evidence);

  if (release == 2) {
    weigh_start_or_commit(decision, signs, config_file);
    if (ran) decision.because(*ran);
    // emgd removed and not yet linked again: the start step, or a downgrade half
    // done (its log may be gone); no reading may relink emgd for certain.
    if (!emgd.version) {
      std::vector<std::string> against = {emgd.evidence};
      if (ran) against.push_back(*ran);
      decision.also(Phase::downgrade, std::move(against));
    }
    return std::move(decision).done();
  }

  // emgd runs 7.1 (or, missing, the other tools do).
  const bool others_on_7_2 = others && others->minor == 2;
  if (ran) decision.because(*ran);
  if (emgd.version && emgd.link) {
    // The downgrade changes the link back; it needs 7.2 to have run.
    if (ran) {
      decision.take(Phase::downgrade);
    } else if (others_on_7_2) {
      decision.because(others->evidence);
      decision.because(never_ran);
      decision.take(Phase::start);
      decision.also(Phase::downgrade, {emgd.evidence, others->evidence});
    } else {
      decision.take(Phase::prepare);
    }
  } else if (emgd.version) {
    // A plain 7.1 file: prepare's state, or start step 1 begun with the other tools.
    if (others_on_7_2) {
      // A downgrade changes the link back; a plain file beside tools on 7.2 is start step 1 not done for emgd.
      decision.because(others->evidence);
      decision.take(Phase::start);
      if (ran) {
        decision.also(Phase::downgrade, {emgd.evidence, *ran});
      } else {
        decision.because(never_ran);
      }
    } else {
      decision.take(Phase::prepare);
      if (ran) decision.also(Phase::downgrade, {*ran});
    }
  } else {
    // emgd missing or dangling, the other tools on 7.1.
    if (ran) {
      decision.take(Phase::downgrade);
      decision.also(Phase::start, {emgd.evidence});
    } else {
      decision.because(never_ran);
      decision.take(Phase::prepare);
      decision.also(Phase::start, {emgd.evidence});
    }
  }

  const Phase on_7_1 = decision.effective();
  if (on_7_1 == Phase::start) {
    // Read as start from the binaries: the config still tells start from commit.
    weigh_start_or_commit(decision, signs, config_file);
    return std::move(decision).done();
  }
  if (signs.prepare) decision.because(*signs.prepare);
  if (!signs.prepare && !signs.other_backend && signs.commit.empty()) {
    decision.because(fmt::format("no active BACKEND in {}", config_file));
  }
  if (signs.other_backend) decision.because(*signs.other_backend + " (active)");
  // A deliberate commit step while emgd runs 7.1: a downgrade after commit once 7.2 ran.
  if (!signs.commit.empty()) {
    if (ran && on_7_1 == Phase::prepare) {
      decision.take(Phase::downgrade);
      decision.also(Phase::prepare, {emgd.evidence});
    }
    decision.also(Phase::commit, signs.commit);
  }
  return std::move(decision).done();
}

}  // namespace emglint::analysis
