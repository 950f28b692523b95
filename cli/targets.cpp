#include "cli/targets.h"

#include "inspect/file_reader.h"
#include "report/glob.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace emglint::cli {

namespace {

std::string join(const std::string& directory, const std::string& name) {
  if (directory.empty()) return name;
  return directory.ends_with('/') ? directory + name : directory + "/" + name;
}

bool matches_any(const std::vector<std::string>& globs, const std::string& relative) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& glob) { return report::glob_matches(glob, relative); });
}

void walk_repository(const std::string& root, const std::string& directory, const std::string& relative, int depth,
                     const std::vector<std::string>& include_globs, Discovery& discovery) {
  if (depth > max_repository_depth) {
    discovery.errors.push_back(
        fmt::format("{}: deeper than {} directories; not searched", directory, max_repository_depth));
    return;
  }
  auto listed = inspect::list_directory_entries(directory);
  if (auto* error = std::get_if<inspect::ReadError>(&listed)) {
    discovery.errors.push_back(fmt::format("{}: {}", directory, error->message));
    return;
  }
  std::vector<std::string> names = std::get<std::vector<std::string>>(std::move(listed));
  std::erase(names, ".git");

  for (const auto& name : names) {
    const std::string path = join(directory, name);
    const std::string relative_path = relative.empty() ? name : relative + "/" + name;
    struct stat own {};
    if (::lstat(path.c_str(), &own) != 0) continue;  // vanished since readdir
    if (S_ISDIR(own.st_mode)) {
      walk_repository(root, path, relative_path, depth + 1, include_globs, discovery);
    } else if (name == "server.cfg" || matches_any(include_globs, relative_path)) {
      // Links and odd file types are targets too: reading them yields a clear error.
      discovery.targets.push_back({path, report::TargetKind::config, path, path, root});
    }
  }
}

// What only an installation holds beside server.cfg.
constexpr std::array<std::string_view, 3> installation_parts = {"bin", "log", "spool"};

bool holds_installation_parts(const std::string& directory) {
  return std::any_of(installation_parts.begin(), installation_parts.end(), [&](std::string_view part) {
    struct stat status {};
    return ::lstat(join(directory, std::string(part)).c_str(), &status) == 0;
  });
}

}  // namespace

Discovery discover_targets(const std::vector<std::string>& paths, const std::vector<std::string>& include_globs) {
  Discovery discovery;
  for (const auto& path : paths) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
      const int error = errno;
      discovery.errors.push_back(
          fmt::format("{}: {}", path, error == ELOOP ? "too many levels of symbolic links" : std::strerror(error)));
      continue;
    }
    if (S_ISDIR(status.st_mode)) {
      const std::string config = join(path, "server.cfg");
      struct stat config_status {};
      if (::lstat(config.c_str(), &config_status) == 0) {
        // A folder with server.cfg and none of bin/, log/ or spool/ is a site
        // of a config repository, not an installation: no host rc.local, no binaries.
        if (holds_installation_parts(path)) {
          discovery.targets.push_back({path, report::TargetKind::installation, config, "server.cfg", path});
        } else {
          discovery.targets.push_back({config, report::TargetKind::config, config, config, path});
        }
        continue;
      }
      const std::size_t before = discovery.targets.size();
      walk_repository(path, path, "", 0, include_globs, discovery);
      if (discovery.targets.size() == before) {
        discovery.errors.push_back(fmt::format("{}: no server.cfg in this directory or below it", path));
      }
      continue;
    }
    // Anything else is a lone config; reading it reports a FIFO or device clearly.
    discovery.targets.push_back({path, report::TargetKind::config, path, path, {}});
  }
  return discovery;
}

}  // namespace emglint::cli
