// EMG503 instances-in-database: DBCONFIG is set, so the connector instances in server.cfg are not the whole count.
#include <fmt/format.h>

#include "analysis/keywords.h"
#include "analysis/phase_detection.h"
#include "analysis/secrets.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg503 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  // `--instances N` is the operator's count of the connectors in the
  // database: the open-files rules use it, and nothing is left to warn about.
  if (context.settings.instances) return;
  const auto dbconfig = context.analysis.index.general("DBCONFIG");
  if (dbconfig.empty()) return;
  const config::Option& option = *dbconfig.back();
  const std::string shown = context.analysis.index.shown_option(option);
  // Without --instances, the facts hold the file's own count.
  const std::int64_t in_file = context.facts.connector_instances;
  findings.report(option.key_span(),
                  fmt::format("`{}` takes connectors from the database, so the open-files check sees only the {} "
                              "connector instance{} in this file; give the total with `--instances N`",
                              shown, in_file, in_file == 1 ? "" : "s"));
}

}  // namespace emg503

extern const Rule emg503_instances_in_database{
    .info = {.id = "EMG503",
             .name = "instances-in-database",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "DBCONFIG is set, so the connector instances in server.cfg are not the whole count."},
    .check = emg503::check,
};

}  // namespace emglint::rules
