// EMG902 secrets-readable: server.cfg holds a password and others can read it.
#include <fmt/format.h>

#include "inspect/installation.h"
#include "rules/rule.h"
#include "rules/secrets.h"

namespace emglint::rules {

namespace {

void check(const CheckContext& context, Findings& findings) {
  const std::uint32_t mode = context.installation->config_mode;
  if ((mode & 0004u) == 0 || find_secrets(context.config).empty()) return;
  const std::string narrowed = fmt::format("{:04o}", mode & ~0004u);
  auto& finding = findings.report_path(
      context.config_file, fmt::format("{} holds a database password and every user can read it (mode {:04o})",
                                       context.config_file, mode));
  finding.fix = Fix{.safety = FixSafety::unsafe,
                    .description = fmt::format("remove read permission for others: chmod {} {}", narrowed,
                                               context.config_file),
                    .edits = {},
                    .actions = {{.kind = FsAction::Kind::chmod,
                                 .path = context.config_file,
                                 .target = {},
                                 .from = {},
                                 .mode = narrowed}}};
}

}  // namespace

extern const Rule emg902_secrets_readable{
    .info = {.id = "EMG902",
             .name = "secrets-readable",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::unsafe,
             .scope = Scope::installation,
             .summary = "server.cfg holds a password and others can read it."},
    .check = check,
};

}  // namespace emglint::rules
