// `--phase auto`: which phase of the upgrade a target is in, with the evidence
// (rules.md, "Phase detection"), and the facts every report carries.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analysis/config_index.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "parser/config_model.h"
#include "report/report.h"

namespace emglint::analysis {

// What a BACKEND value names, judged without a trailing ` #...` (EMG007's case).
enum class BackendStore { empty, tokyocabinet, leveldb, profile };
[[nodiscard]] BackendStore backend_store(std::string_view value);
[[nodiscard]] bool is_tokyocabinet(const config::Option& backend);  // TC or FILE

// `tools`: what each of inspect::emg_tools runs, in that order (empty for a lone config).
[[nodiscard]] report::PhaseDecision detect_phase(const ConfigIndex& index, std::string_view config_file,
                                                 const inspect::Installation* installation,
                                                 std::span<const ToolResolution> tools);

}  // namespace emglint::analysis
