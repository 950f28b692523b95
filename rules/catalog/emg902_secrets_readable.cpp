// EMG902 secrets-readable: server.cfg holds a password and others can read it.
#include <fmt/format.h>

#include "analysis/secrets.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

void check(const CheckContext& context, Findings& findings) {
  const std::uint32_t mode = context.installation->config_mode;
  if ((mode & 0004u) == 0 || context.analysis.index.secrets().empty()) return;
  const std::string narrowed = fmt::format("{:04o}", mode & ~0004u);
  auto finding = findings.report_path(
      context.config_file,
      fmt::format("{} holds a database password and every user can read it (mode {:04o})", context.config_name, mode));
  finding->fix = Fix{
      .applicability = Applicability::unsafe,
      .description = fmt::format("remove read permission for others: chmod {} {}", narrowed, context.config_name),
      .edits = {},
      .actions = {
          {.kind = FsAction::Kind::chmod,
           .path = std::string(context.config_name),
           .target = {},
           .from = {},
           .mode = narrowed,
           .before = {.type = report::PathState::Type::regular, .link_target = {}, .content_hash = context.config_hash},
           .from_hash = std::nullopt}}};
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
