// `--phase auto`: which phase of the upgrade a target is in, with the evidence
// (rules.md, "Phase detection"), and the facts every report carries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "inspect/installation.h"
#include "parser/config_model.h"
#include "rules/bin_queries.h"
#include "rules/report.h"
#include "rules/rule.h"

namespace emglint::rules {

// The last BACKEND of the general section: the one EMG uses.
[[nodiscard]] const config::Option* active_backend(const config::ConfigModel& config);

// What a BACKEND value names, judged without a trailing ` #...` (EMG007's case).
enum class BackendStore { empty, tokyocabinet, leveldb, profile };
[[nodiscard]] BackendStore backend_store(std::string_view value);
[[nodiscard]] bool is_tokyocabinet(const config::Option& backend);  // TC or FILE

[[nodiscard]] PhaseDecision detect_phase(const config::ConfigModel& config, std::string_view config_file,
                                         const inspect::Installation* installation);

// The sum of INSTANCES over CONNECTOR blocks, 1 where absent or unreadable.
[[nodiscard]] std::int64_t connector_instances(const config::ConfigModel& config);

}  // namespace emglint::rules
