// EMG901 owned-by-root: a file of the installation belongs to root while EMGDIR
// does not, or is one its owner could not read, which another caller left unread.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>

#include "inspect/installation.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg901 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

constexpr std::size_t max_reported_entries = 20;

bool directly_in_bin(const std::string& path) {
  return path.starts_with("bin/") && path.find('/', 4) == std::string::npos;
}

// Root's server.cfg is an error when its mode shuts the EMG user out.
bool config_unreadable(const inspect::Installation& installation) {
  return installation.owner_can_read_config() == false;
}

bool is_withheld(const inspect::Installation& installation, const std::string& path) {
  return std::find(installation.withheld.begin(), installation.withheld.end(), path) != installation.withheld.end();
}

// What the owner could not read, a caller who is someone else (root) did not
// read either: a link the owner planted shows nothing of where it leads.
void report_withheld(const CheckContext& context, Findings& findings, bool config_said) {
  const inspect::Installation& installation = *context.installation;
  std::vector<std::string_view> paths(installation.withheld.begin(), installation.withheld.end());
  if (config_said) std::erase(paths, context.config_name);
  for (std::size_t reported = 0; reported < paths.size(); ++reported) {
    if (reported == max_reported_entries) {
      const std::size_t more = paths.size() - reported;
      auto finding =
          findings.report_path(".", fmt::format("{} more files its owner could not read were not read either", more));
      finding->severity = Severity::error;
      return;
    }
    const std::string path(paths[reported]);
    const std::string without = path == context.config_name ? ", and checked the installation without it" : "";
    auto finding = findings.report_path(
        path, fmt::format("{}, the installation's owner, could not read {} (its mode bits, or those of a directory on "
                          "its way, shut that user out): emglint, run by another user, did not read it either{}",
                          installation.root_owner_name, path, without));
    finding->severity = Severity::error;
  }
}

void check(const CheckContext& context, Findings& findings) {
  const inspect::Installation& installation = *context.installation;
  // An installation run by root has nothing to fear from root-owned files, and
  // root could read them all.
  if (installation.root_owner == 0) return;
  const std::string& user = installation.root_owner_name;
  bool config_said = false;
  // The owner of bin/ may remove and replace any link in it, root's too. Only
  // in a directory both sticky and writable by all does the kernel (with
  // fs.protected_symlinks, on by default) refuse to follow another user's link.
  const bool bin_sticky_for_all = (installation.bin_mode & (S_ISVTX | S_IWOTH)) == (S_ISVTX | S_IWOTH);
  const bool bin_links_replaceable = installation.bin_owner == installation.root_owner && !bin_sticky_for_all;
  std::size_t reported = 0;
  std::size_t more = 0;
  for (const auto& entry : installation.entries) {
    if (entry.owner != 0) continue;
    if (entry.symlink && directly_in_bin(entry.path) && bin_links_replaceable) continue;
    const bool withheld = is_withheld(installation, entry.path);
    const bool config = entry.path == "server.cfg" && config_unreadable(installation);
    // The error that it was not read says more than that root owns it.
    if (withheld && !config) continue;
    if (reported == max_reported_entries) {
      ++more;
      continue;
    }
    ++reported;
    if (config) {
      auto finding = findings.report_path(
          entry.path, fmt::format("server.cfg belongs to root with mode {:04o} and group {}, which give {}, the "
                                  "installation's owner, no read permission: EMG cannot read it{}",
                                  installation.config_mode, installation.config_group_name, user,
                                  withheld ? ", and emglint, run by another user, did not read it either" : ""));
      finding->severity = Severity::error;
      config_said = withheld;
    } else if (entry.symlink && directly_in_bin(entry.path) && bin_sticky_for_all) {
      findings.report_path(entry.path,
                           fmt::format("{} is a link that belongs to root in bin/, which is sticky and writable by all "
                                       "(mode {:04o}): the kernel (fs.protected_symlinks) does not let {} follow it",
                                       entry.path, installation.bin_mode, user));
    } else {
      findings.report_path(entry.path, fmt::format("{} belongs to root while the installation belongs to {}: EMG, "
                                                   "running as that user, may fail to write or replace it",
                                                   entry.path, user));
    }
  }
  if (more > 0) {
    findings.report_path(".", fmt::format("{} more entries belong to root", more));
  }
  report_withheld(context, findings, config_said);
  for (const auto& bound : installation.walk_bounds) {
    std::string stopped;
    if (bound.entries_bound) {
      stopped = fmt::format("after {} entries", bound.max_entries);
    }
    if (bound.depth_bound) {
      if (!stopped.empty()) stopped += " and ";
      stopped += fmt::format("at directories {} levels down", bound.max_depth);
    }
    auto note = findings.report_path(bound.directory,
                                     fmt::format("the search of {}/ for files owned by root stopped {}: the rest was "
                                                 "not looked at",
                                                 bound.directory, stopped));
    note->severity = Severity::info;
  }
}

}  // namespace emg901

extern const Rule emg901_owned_by_root{
    .info = {.id = "EMG901",
             .name = "owned-by-root",
             .phases = PhaseSet::all(),
             .severity = Severity::warning,
             .fix = FixAvailability::none,
             .scope = Scope::installation,
             .summary = "A file of the installation belongs to root, or is one its owner could not read, while "
                        "EMGDIR belongs to another user."},
    .check = emg901::check,
};

}  // namespace emglint::rules
