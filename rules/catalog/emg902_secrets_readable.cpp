// EMG902 secrets-readable: server.cfg holds a password and others can read it.
#include <fmt/format.h>

#include <algorithm>

#include "analysis/secrets.h"
#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg902 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

FsAction narrowing(std::string path, std::uint32_t mode, std::optional<std::uint64_t> content_hash) {
  return {.kind = FsAction::Kind::chmod,
          .path = std::move(path),
          .target = {},
          .from = {},
          .mode = fmt::format("{:04o}", mode & ~0004u),
          .before = {.type = report::PathState::Type::regular, .link_target = {}, .content_hash = content_hash},
          .from_hash = std::nullopt};
}

void check(const CheckContext& context, Findings& findings) {
  if (context.analysis.index.secrets().empty()) return;
  const std::uint32_t mode = context.installation->config_mode;
  const auto& entries = context.installation->entries;
  // A chmod never goes through a link: where server.cfg is one, the mode is the operator's to change.
  const bool linked = std::any_of(entries.begin(), entries.end(), [&](const inspect::OwnedEntry& entry) {
    return entry.path == context.config_name && entry.symlink;
  });
  if ((mode & 0004u) != 0) {
    auto finding = findings.report_path(context.config_file,
                                        fmt::format("{} holds a database password and every user can read it (mode {:04o})",
                                                    context.config_name, mode));
    if (!linked) {
      const FsAction action = narrowing(std::string(context.config_name), mode, context.config_hash);
      finding->fix = Fix{.applicability = Applicability::unsafe,
                         .description = fmt::format("remove read permission for others: chmod {} {}", action.mode,
                                                    context.config_name),
                         .edits = {},
                         .actions = {action}};
    }
  }
  // What --fix kept of server.cfg holds its passwords too.
  for (const inspect::ConfigBackup& backup : context.installation->config_backups) {
    if ((backup.mode & 0004u) == 0) continue;
    auto finding = findings.report_path(
        backup.name, fmt::format("{} keeps an earlier {}, whose database password every user can read (mode {:04o})",
                                 backup.name, context.config_name, backup.mode));
    const FsAction action = narrowing(backup.name, backup.mode, std::nullopt);
    finding->fix = Fix{.applicability = Applicability::unsafe,
                       .description = fmt::format("remove read permission for others: chmod {} {}", action.mode,
                                                  backup.name),
                       .edits = {},
                       .actions = {action}};
  }
}

}  // namespace emg902

extern const Rule emg902_secrets_readable{
    .info = {.id = "EMG902",
             .name = "secrets-readable",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::unsafe,
             .scope = Scope::installation,
             .summary = "server.cfg holds a password and others can read it.",
             .reads_config = true},
    .check = emg902::check,
};

}  // namespace emglint::rules
