#include "inspect/installation.h"

#include "inspect/file_reader.h"
#include "inspect/owner_access.h"
#include "inspect/probe.h"
#include "report/fnv1a.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <set>
#include <sstream>

namespace emglint::inspect {

namespace fs = std::filesystem;

namespace {

EntryType type_of(mode_t mode) {
  if (S_ISREG(mode)) return EntryType::regular;
  if (S_ISLNK(mode)) return EntryType::symlink;
  if (S_ISDIR(mode)) return EntryType::directory;
  return EntryType::other;
}

std::optional<std::string> read_link(const std::string& path) {
  std::string buffer(4096, '\0');
  const ssize_t size = ::readlink(path.c_str(), buffer.data(), buffer.size());
  if (size < 0) return std::nullopt;
  buffer.resize(static_cast<std::size_t>(size));
  return buffer;
}

std::optional<std::uint64_t> hash_file(const std::string& path) {
  std::uint64_t hash = report::fnv1a_seed;
  const auto error = for_each_chunk(path, [&hash](std::string_view chunk) { hash = report::fnv1a(chunk, hash); });
  if (error) return std::nullopt;
  return hash;
}

// Whether `directory` is bin/ however it is spelled: through a symlinked
// parent, or with `..` (bin/ itself is canonical).
bool is_bin(const fs::path& directory, const fs::path& bin) {
  if (directory == bin) return true;
  std::error_code error;
  const fs::path real = fs::weakly_canonical(directory, error);
  return !error && real == bin;
}

// Follows bin/`name`, whose link holds `text`, hop by hop, recording each
// link on the way and where the links end.
LinkInfo follow_link(const fs::path& bin, const std::string& name, const std::string& text) {
  LinkInfo info;
  fs::path current = bin / name;
  info.hops.push_back({current.string(), text, true});
  std::set<std::string> seen{current.string()};
  const auto end_at = [&](const fs::path& path) {
    info.final_path = path.string();
    info.final_in_bin = is_bin(path.parent_path(), bin);
  };
  for (int hops = 0; hops < max_link_hops; ++hops) {
    const std::string& hop = info.hops.back().text;
    const fs::path next =
        (fs::path(hop).is_absolute() ? fs::path(hop) : current.parent_path() / hop).lexically_normal();
    if (!seen.insert(next.string()).second) {
      info.loop = true;
      end_at(next);
      return info;
    }
    current = next;
    struct stat status {};
    if (::lstat(current.c_str(), &status) != 0) {
      info.dangling = true;
      end_at(current);
      return info;
    }
    if (!S_ISLNK(status.st_mode)) {
      end_at(current);
      return info;
    }
    auto target = read_link(current.string());
    if (!target) {
      info.dangling = true;
      end_at(current);
      return info;
    }
    info.hops.push_back({current.string(), std::move(*target), is_bin(current.parent_path(), bin)});
  }
  info.loop = true;
  end_at(current);
  return info;
}

// `read_for`: the account whose permissions bound what is read (the owner's,
// for another caller); nullptr: the caller's own.
BinEntry inspect_entry(const fs::path& bin, const std::string& name, const UserAccount* read_for) {
  BinEntry entry;
  entry.name = name;
  const std::string path = (bin / name).string();
  struct stat own {};
  if (::lstat(path.c_str(), &own) != 0) return entry;
  entry.type = type_of(own.st_mode);
  entry.owner = own.st_uid;
  entry.final_type = entry.type;
  entry.mode = own.st_mode & 07777;
  entry.size = static_cast<std::uint64_t>(own.st_size);
  std::string final_path = path;
  if (entry.type == EntryType::symlink) {
    entry.link = follow_link(bin, name, read_link(path).value_or(""));
    if (entry.link->dangling || entry.link->loop) {
      entry.final_type = EntryType::missing;
      entry.mode = 0;
      entry.size = 0;
      return entry;
    }
    final_path = entry.link->final_path;
    struct stat target {};
    if (::stat(final_path.c_str(), &target) != 0) return entry;
    entry.final_type = type_of(target.st_mode);
    entry.mode = target.st_mode & 07777;
    entry.size = static_cast<std::uint64_t>(target.st_size);
  }
  if (entry.final_type == EntryType::regular && read_for != nullptr &&
      owner_could_read(final_path, *read_for) == false) {
    entry.withheld = true;
    return entry;
  }
  if (entry.final_type == EntryType::regular) {
    entry.content_hash = hash_file(final_path);
    std::error_code error;
    entry.real_path = fs::canonical(final_path, error).string();
  }
  return entry;
}

// Directory entries, sorted; nullopt with "DIR: reason" in `problem` when it cannot be read.
std::optional<std::vector<std::string>> list_directory(const fs::path& dir, std::string& problem) {
  auto listed = list_directory_entries(dir.string());
  if (auto* error = std::get_if<ReadError>(&listed)) {
    problem = fmt::format("{}: {}", dir.string(), error->message);
    return std::nullopt;
  }
  return std::get<std::vector<std::string>>(std::move(listed));
}

LogLine kept_line(std::size_t number, std::string_view text) {
  if (text.ends_with('\r')) text.remove_suffix(1);
  return {number, std::string(text.substr(0, max_kept_log_line_size))};
}

// Streams the log once: it may be large, and only what follows the last
// start-up line matters. nullopt when there is no log; `problem` when it
// exists but cannot be read (a FIFO, a device, permission denied).
std::optional<GeneralLog> read_general_log(const fs::path& path, LogLineClassifier classify,
                                           std::vector<std::string>& problems) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0 && errno == ENOENT) return std::nullopt;
  GeneralLog log;
  std::size_t number = 0;
  const auto error = for_each_line(path.string(), [&](std::string_view line) {
    ++number;
    switch (classify != nullptr ? classify(line) : LogLineKind::other) {
      case LogLineKind::start_of_7_2: log.last_7_2_start = kept_line(number, line); [[fallthrough]];
      case LogLineKind::start:
        log.last_start = kept_line(number, line);
        log.problems_since_start.clear();
        log.problems_not_kept = 0;
        break;
      case LogLineKind::problem:
        if (log.problems_since_start.size() < max_kept_log_lines) {
          log.problems_since_start.push_back(kept_line(number, line));
        } else {
          ++log.problems_not_kept;
        }
        break;
      case LogLineKind::other: break;
    }
  });
  if (error) {
    problems.push_back(fmt::format("{}: {}", path.string(), error->message));
    return std::nullopt;
  }
  return log;
}

std::optional<long long> soft_open_files_limit(int pid) {
  std::optional<long long> limit;
  (void)for_each_line(fmt::format("/proc/{}/limits", pid), [&](std::string_view line) {
    if (!line.starts_with("Max open files")) return;
    std::istringstream fields{std::string(line.substr(14))};
    std::string soft;
    fields >> soft;
    if (soft == "unlimited") {
      limit = -1;
      return;
    }
    long long value = 0;
    const auto [end, error] = std::from_chars(soft.data(), soft.data() + soft.size(), value);
    if (error == std::errc{} && end == soft.data() + soft.size()) limit = value;
  });
  return limit;
}

// The command line of a process, its arguments joined by spaces; empty when unreadable.
std::string command_line(const std::string& pid) {
  std::string line;
  (void)for_each_chunk("/proc/" + pid + "/cmdline", [&](std::string_view chunk) {
    if (line.size() < max_command_line_size) line.append(chunk.substr(0, max_command_line_size - line.size()));
  });
  std::replace(line.begin(), line.end(), '\0', ' ');
  return line;
}

// This process and its ancestors, by pid, from /proc/PID/stat's parent field.
std::set<std::string> own_process_chain() {
  std::set<std::string> chain;
  for (std::string pid = std::to_string(::getpid()); !pid.empty() && pid != "0" && chain.insert(pid).second;) {
    std::string stat;
    (void)for_each_chunk("/proc/" + pid + "/stat", [&](std::string_view chunk) { stat.append(chunk); });
    // `PID (COMM) STATE PPID ...`: COMM may hold spaces and parentheses, so read after the last `)`.
    const auto close = stat.rfind(')');
    if (close == std::string::npos) break;
    std::istringstream fields(stat.substr(close + 1));
    std::string state;
    fields >> state >> pid;
  }
  return chain;
}

// Processes are found through /proc; those of other users may be unreadable
// unless emglint runs as root, and are then not seen.
ProcessTable scan_processes(const fs::path& bin, std::string_view watchdog_pattern) {
  ProcessTable table;
  std::string problem;
  const auto entries = list_directory("/proc", problem);
  if (!entries) {
    table.scan = ProcessScan::unreadable;
    return table;
  }
  table.scan = ProcessScan::done;
  std::error_code error;
  const fs::path real_bin = fs::canonical(bin, error);
  // emglint and the commands that started it (sudo, a shell, Ansible) may name the pattern themselves.
  const std::set<std::string> ourselves = own_process_chain();
  for (const auto& name : *entries) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (!watchdog_pattern.empty() && !ourselves.contains(name) &&
        command_line(name).find(watchdog_pattern) != std::string::npos) {
      table.watchdogs.push_back(std::stoi(name));
    }
    if (real_bin.empty()) continue;
    auto exe = read_link("/proc/" + name + "/exe");
    if (!exe) continue;
    if (exe->ends_with(" (deleted)")) exe->resize(exe->size() - 10);
    const fs::path exe_path(*exe);
    if (exe_path.parent_path() != real_bin || !exe_path.filename().string().starts_with("emgd")) continue;
    const int pid = std::stoi(name);
    table.emgd.push_back({pid, *exe, soft_open_files_limit(pid)});
  }
  return table;
}

void list_owners(const fs::path& root, const std::string& relative, std::vector<OwnedEntry>& out) {
  std::string problem;
  const auto names = list_directory(relative.empty() ? root : root / relative, problem);
  if (!names) return;
  for (const auto& name : *names) {
    const std::string path = relative.empty() ? name : relative + "/" + name;
    struct stat status {};
    if (::lstat((root / path).c_str(), &status) == 0) out.push_back({path, status.st_uid, S_ISLNK(status.st_mode)});
  }
}

// Probes `paths`, but reuses an earlier answer for a file of the same content.
std::vector<ProbeResult> probe_unless_known(const std::vector<std::string>& paths,
                                            const std::vector<std::optional<std::uint64_t>>& contents,
                                            const ProbeCache* earlier) {
  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (earlier == nullptr || !contents[i] || !earlier->contains(*contents[i])) unknown.push_back(paths[i]);
  }
  std::vector<ProbeResult> probed = probe_all(unknown);
  std::vector<ProbeResult> results;
  auto next = probed.begin();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (earlier != nullptr && contents[i] && earlier->contains(*contents[i])) {
      results.push_back(earlier->at(*contents[i]));
      results.back().name = fs::path(paths[i]).filename().string();
    } else {
      results.push_back(std::move(*next++));
    }
  }
  return results;
}

std::vector<ConfigBackup> config_backups(const fs::path& root) {
  std::vector<ConfigBackup> backups;
  std::string problem;
  const auto names = list_directory(root, problem);
  if (!names) return backups;
  for (const auto& name : *names) {
    struct stat status {};
    if (!name.starts_with("server.cfg.emglint-bak") || ::lstat((root / name).c_str(), &status) != 0 ||
        !S_ISREG(status.st_mode)) {
      continue;
    }
    backups.push_back({name, status.st_mode & 07777u});
  }
  return backups;
}

// Walks `top` (log/, spool/) depth first in name order, never through a
// symbolic link, recording every entry until `seen` reaches the bound.
class OwnerWalk {
 public:
  // Directories `read_for` could not list are not entered, but named in `withheld`.
  OwnerWalk(const fs::path& root, const InspectOptions& options, const UserAccount* read_for,
            std::vector<OwnedEntry>& out, std::vector<std::string>& withheld)
      : root_(root), options_(options), read_for_(read_for), out_(out), withheld_(withheld) {}

  WalkBound walk(const std::string& top) {
    bound_ = {.directory = top, .max_entries = options_.max_walk_entries, .max_depth = options_.max_walk_depth};
    seen_ = 0;
    struct stat status {};
    // A log/ that links elsewhere is not walked either.
    if (::lstat((root_ / top).c_str(), &status) == 0 && S_ISDIR(status.st_mode) && may_list(top)) visit(top, 1);
    return bound_;
  }

 private:
  bool may_list(const std::string& directory) {
    if (read_for_ == nullptr || owner_could_list((root_ / directory).string(), *read_for_) != false) return true;
    withheld_.push_back(directory);
    return false;
  }

  // Records the entries of `directory`, which lies `depth` - 1 levels below the top.
  void visit(const std::string& directory, int depth) {
    std::string problem;
    const auto names = list_directory(root_ / directory, problem);
    if (!names) return;  // an unreadable directory is reported by its own owner, if root
    for (const auto& name : *names) {
      if (seen_ == options_.max_walk_entries) {
        bound_.entries_bound = true;
        return;
      }
      const std::string path = directory + "/" + name;
      struct stat status {};
      if (::lstat((root_ / path).c_str(), &status) != 0) continue;
      ++seen_;
      out_.push_back({path, status.st_uid, S_ISLNK(status.st_mode)});
      if (!S_ISDIR(status.st_mode) || !may_list(path)) continue;
      if (depth < options_.max_walk_depth) {
        visit(path, depth + 1);
        if (bound_.entries_bound) return;
      } else if (auto below = list_directory(root_ / path, problem); below && !below->empty()) {
        bound_.depth_bound = true;
      }
    }
  }

  const fs::path& root_;
  const InspectOptions& options_;
  const UserAccount* read_for_;
  std::vector<OwnedEntry>& out_;
  std::vector<std::string>& withheld_;
  WalkBound bound_;
  std::size_t seen_ = 0;
};

}  // namespace

const BinEntry* find_entry(std::span<const BinEntry> entries, std::string_view name) {
  const auto it = std::lower_bound(entries.begin(), entries.end(), name,
                                   [](const BinEntry& entry, std::string_view key) { return entry.name < key; });
  return it != entries.end() && it->name == name ? &*it : nullptr;
}

const BinEntry* Installation::find(std::string_view name) const { return find_entry(bin, name); }

std::optional<bool> Installation::owner_can_read_config() const {
  // The kernel asks the owner's bits of the owner, the group's of a member, the others' of the rest.
  if (config_owner == root_owner) return (config_mode & S_IRUSR) != 0;
  const bool group_reads = (config_mode & S_IRGRP) != 0;
  const bool others_read = (config_mode & S_IROTH) != 0;
  if (owner_account) return owner_account->in_group(config_group) ? group_reads : others_read;
  if (group_reads == others_read) return group_reads;
  return std::nullopt;
}

ProbeCache probes_by_content(const Installation& installation) {
  ProbeCache cache;
  for (const ProbeResult& probe : installation.probes) {
    const BinEntry* entry = installation.find(probe.name);
    if (entry != nullptr && entry->content_hash) cache.emplace(*entry->content_hash, probe);
  }
  const BinEntry* dist_emgd = installation.dist ? find_entry(*installation.dist, "emgd") : nullptr;
  if (installation.dist_emgd_probe && dist_emgd != nullptr && dist_emgd->content_hash) {
    cache.emplace(*dist_emgd->content_hash, *installation.dist_emgd_probe);
  }
  return cache;
}

const ProbeResult* Installation::probe(std::string_view name) const {
  for (const auto& result : probes) {
    if (result.name == name) return &result;
  }
  return nullptr;
}

Installation inspect_installation(const std::string& root, const InspectOptions& options) {
  Installation installation;
  installation.root = root;
  // Canonical, so that links are judged the same whichever path names the installation.
  std::error_code canonical_error;
  fs::path root_path = fs::canonical(fs::path(root), canonical_error);
  if (canonical_error) root_path = fs::absolute(fs::path(root)).lexically_normal();
  struct stat status {};
  if (::stat(root_path.c_str(), &status) == 0) installation.root_owner = status.st_uid;
  installation.owner_account = find_account(installation.root_owner);
  installation.root_owner_name =
      installation.owner_account ? installation.owner_account->name : user_name(installation.root_owner);
  // Another caller (root) reads only what the owner could: a link the owner
  // planted must not show it what the owner may not see.
  const UserAccount* read_for =
      ::geteuid() != installation.root_owner && installation.owner_account ? &*installation.owner_account : nullptr;

  struct stat config {};
  if (::stat((root_path / "server.cfg").c_str(), &config) == 0) {
    installation.config_mode = config.st_mode & 07777;
    installation.config_owner = config.st_uid;
    installation.config_group = config.st_gid;
    installation.config_group_name = group_name(config.st_gid);
  }
  installation.config_backups = config_backups(root_path);
  for (const char* directory : {"", "bin"}) list_owners(root_path, directory, installation.entries);
  OwnerWalk walk(root_path, options, read_for, installation.entries, installation.withheld);
  for (const char* directory : {"log", "spool"}) {
    WalkBound bound = walk.walk(directory);
    if (bound.entries_bound || bound.depth_bound) installation.walk_bounds.push_back(std::move(bound));
  }
  const fs::path log_dir = options.log_dir.empty() ? root_path / "log" : fs::absolute(options.log_dir);
  installation.general_log_path =
      options.log_dir.empty() ? "log/general" : (log_dir / "general").lexically_normal().string();
  if (read_for != nullptr && owner_could_read((log_dir / "general").string(), *read_for) == false) {
    installation.withheld.push_back(installation.general_log_path);
  } else {
    installation.general_log = read_general_log(log_dir / "general", options.classify_log_line, installation.problems);
  }

  const fs::path bin = root_path / "bin";
  // A copy of an installation (--offline) runs nowhere: its host's processes say nothing of it.
  if (options.scan_processes) {
    ProcessTable table = scan_processes(bin, options.watchdog_pattern);
    installation.process_scan = table.scan;
    installation.scanned_as_root_or_owner = ::geteuid() == 0 || ::geteuid() == installation.root_owner;
    installation.running_emgd = std::move(table.emgd);
    installation.watchdogs = std::move(table.watchdogs);
  } else {
    installation.process_scan = ProcessScan::offline;
  }
  struct stat bin_status {};
  if (::stat(bin.c_str(), &bin_status) == 0 && S_ISDIR(bin_status.st_mode)) {
    installation.bin_owner = bin_status.st_uid;
    installation.bin_mode = bin_status.st_mode & 07777;
    std::string problem;
    if (auto names = list_directory(bin, problem)) {
      installation.has_bin = true;
      for (const auto& name : *names) {
        installation.bin.push_back(inspect_entry(bin, name, read_for));
        if (installation.bin.back().withheld) installation.withheld.push_back("bin/" + name);
      }
    } else {
      installation.problems.push_back(problem);
    }
  }

  if (!options.dist.empty()) {
    // An unpacked distribution has its binaries in bin/, or is the bin directory itself.
    const fs::path dist = fs::absolute(fs::path(options.dist)).lexically_normal();
    std::error_code error;
    const fs::path dist_bin = fs::is_directory(dist / "bin", error) ? dist / "bin" : dist;
    std::string problem;
    if (auto names = list_directory(dist_bin, problem)) {
      installation.dist_bin = dist_bin.string();
      installation.dist.emplace();
      // The distribution is the caller's to name, not the installation's.
      for (const auto& name : *names) installation.dist->push_back(inspect_entry(dist_bin, name, nullptr));
    } else {
      installation.problems.push_back(problem);
    }
  }
  if (options.probe_versions) {
    std::vector<std::string> paths = paths_to_probe(bin.string(), installation.bin);
    const BinEntry* dist_emgd = installation.dist ? find_entry(*installation.dist, "emgd") : nullptr;
    const bool probe_dist = dist_emgd != nullptr && dist_emgd->final_type == EntryType::regular;
    // With the others, so that a hanging download costs no timeout of its own.
    if (probe_dist) paths.push_back(installation.dist_bin + "/emgd");
    std::vector<std::optional<std::uint64_t>> contents;
    for (const std::string& path : paths) {
      const BinEntry* entry = find_entry(installation.bin, fs::path(path).filename().string());
      contents.push_back(entry != nullptr ? entry->content_hash : std::nullopt);
    }
    if (probe_dist) contents.back() = dist_emgd->content_hash;
    installation.probes = probe_unless_known(paths, contents, options.earlier_probes);
    if (probe_dist) {
      installation.dist_emgd_probe = std::move(installation.probes.back());
      installation.probes.pop_back();
    }
  }

  const fs::path leveldb = root_path / "spool" / "leveldb";
  struct stat store {};
  const bool store_found = ::stat(leveldb.c_str(), &store) == 0;
  if (store_found && read_for != nullptr && owner_could_list(leveldb.string(), *read_for) == false) {
    // What it holds is unknown, as when unreadable; EMG901 says why, no problem of the check's.
    installation.leveldb = StoreState::unreadable;
    auto& withheld = installation.withheld;
    if (std::find(withheld.begin(), withheld.end(), "spool/leveldb") == withheld.end()) {
      withheld.push_back("spool/leveldb");
    }
  } else if (store_found) {
    std::string problem = fmt::format("{}: not a directory", leveldb.string());
    const auto names = S_ISDIR(store.st_mode) ? list_directory(leveldb, problem) : std::nullopt;
    if (!names) {
      // What it holds is unknown: no evidence that 7.2 ran, and no finding about messages in it.
      installation.leveldb = StoreState::unreadable;
      installation.problems.push_back(problem);
    } else {
      installation.leveldb = names->empty() ? StoreState::empty : StoreState::not_empty;
      for (const auto& name : *names) {
        struct stat entry {};
        if (::lstat((leveldb / name).c_str(), &entry) != 0) continue;
        installation.leveldb_bytes += static_cast<std::uint64_t>(entry.st_size);
      }
    }
  }
  return installation;
}

}  // namespace emglint::inspect
