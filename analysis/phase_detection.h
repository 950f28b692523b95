// `--phase auto`: which phase of the upgrade a target is in, with the evidence
// (rules.md, "Phase detection"), and the facts every report carries.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analysis/config_index.h"
#include "analysis/inline_suppressions.h"
#include "analysis/tools.h"
#include "inspect/installation.h"
#include "parser/config_model.h"
#include "report/report.h"

namespace emglint::analysis {

// What a BACKEND value names, read the way EMG reads every value: whole, a
// trailing ` #...` included (EMG007). `unreadable` is a value no store or DB
// profile can have, such as `TC # keep until commit` (block names are one word).
enum class BackendStore { empty, tokyocabinet, leveldb, profile, unreadable };
[[nodiscard]] BackendStore backend_store(std::string_view value);
// What the operator meant by an unreadable value: the store of its text before ` #`.
[[nodiscard]] BackendStore meant_backend_store(std::string_view value);
[[nodiscard]] bool is_tokyocabinet(const config::Option& backend);  // TC or FILE

// `tools`: what each of inspect::emg_tools runs, in that order (empty for a
// lone config). A line that `suppressions` approve for EMG201 is no sign.
[[nodiscard]] report::PhaseDecision detect_phase(const ConfigIndex& index, std::string_view config_file,
                                                 const inspect::Installation* installation,
                                                 std::span<const ToolResolution> tools,
                                                 const InlineSuppressions& suppressions);

}  // namespace emglint::analysis
