#include "inspect/installation.h"

#include "inspect/probe.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

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

// FNV-1a over the file's bytes: enough to tell copies apart, not a security hash.
std::optional<std::uint64_t> hash_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  std::uint64_t hash = 14695981039346656037ull;
  char buffer[65536];
  while (true) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    for (ssize_t i = 0; i < got; ++i) {
      hash ^= static_cast<unsigned char>(buffer[i]);
      hash *= 1099511628211ull;
    }
  }
  ::close(fd);
  return hash;
}

LinkInfo resolve_link(const fs::path& bin, const std::string& name, const std::string& first_hop) {
  LinkInfo info;
  info.first_hop = first_hop;
  info.absolute = first_hop.starts_with('/');
  fs::path current = bin / name;
  std::set<std::string> seen{current.string()};
  std::string hop = first_hop;
  for (int hops = 0;; ++hops) {
    if (hops >= max_link_hops) {
      info.loop = true;
      info.final_path = current.string();
      return info;
    }
    const fs::path next = (fs::path(hop).is_absolute() ? fs::path(hop) : current.parent_path() / hop).lexically_normal();
    if (next.parent_path() != bin) info.leaves_bin = true;
    if (!seen.insert(next.string()).second) {
      info.loop = true;
      info.final_path = next.string();
      return info;
    }
    current = next;
    struct stat status {};
    if (::lstat(current.c_str(), &status) != 0) {
      info.dangling = true;
      info.final_path = current.string();
      return info;
    }
    if (!S_ISLNK(status.st_mode)) break;
    auto target = read_link(current.string());
    if (!target) {
      info.dangling = true;
      info.final_path = current.string();
      return info;
    }
    hop = *target;
  }
  info.final_path = current.string();
  if (current.parent_path() == bin) info.final_name_in_bin = current.filename().string();
  return info;
}

BinEntry inspect_entry(const fs::path& bin, const std::string& name) {
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
    entry.link = resolve_link(bin, name, read_link(path).value_or(""));
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
  if (entry.final_type == EntryType::regular) entry.content_hash = hash_file(final_path);
  return entry;
}

// Directory entries, sorted; nullopt with a message when the directory cannot be read.
std::optional<std::vector<std::string>> list_directory(const fs::path& dir, std::string& problem) {
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) {
    problem = fmt::format("{}: {}", dir.string(), std::strerror(errno));
    return std::nullopt;
  }
  std::vector<std::string> names;
  while (const dirent* item = ::readdir(handle)) {
    const std::string_view name = item->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  ::closedir(handle);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

const BinEntry* Installation::find(std::string_view name) const {
  const auto it = std::lower_bound(bin.begin(), bin.end(), name,
                                   [](const BinEntry& entry, std::string_view key) { return entry.name < key; });
  return it != bin.end() && it->name == name ? &*it : nullptr;
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
  const fs::path root_path = fs::absolute(fs::path(root)).lexically_normal();
  struct stat status {};
  if (::stat(root_path.c_str(), &status) == 0) installation.root_owner = status.st_uid;

  const fs::path bin = root_path / "bin";
  struct stat bin_status {};
  if (::stat(bin.c_str(), &bin_status) == 0 && S_ISDIR(bin_status.st_mode)) {
    std::string problem;
    if (auto names = list_directory(bin, problem)) {
      installation.has_bin = true;
      for (const auto& name : *names) installation.bin.push_back(inspect_entry(bin, name));
    } else {
      installation.problems.push_back(problem);
    }
  }

  if (!options.dist.empty()) {
    // An unpacked distribution has its binaries in bin/, or is the bin directory itself.
    const fs::path dist = fs::absolute(fs::path(options.dist)).lexically_normal();
    const fs::path dist_bin = fs::is_directory(dist / "bin") ? dist / "bin" : dist;
    std::string problem;
    if (auto names = list_directory(dist_bin, problem)) {
      installation.dist_bin = dist_bin.string();
      installation.dist.emplace();
      for (const auto& name : *names) installation.dist->push_back(inspect_entry(dist_bin, name));
    } else {
      installation.problems.push_back(problem);
    }
  }
  if (options.probe_versions) installation.probes = probe_versions(bin.string(), installation.bin);

  const fs::path leveldb = root_path / "spool" / "leveldb";
  struct stat store {};
  if (::stat(leveldb.c_str(), &store) == 0) {
    std::string problem;
    const auto names = S_ISDIR(store.st_mode) ? list_directory(leveldb, problem) : std::nullopt;
    installation.leveldb = names && names->empty() ? StoreState::empty : StoreState::not_empty;
  }
  return installation;
}

}  // namespace emglint::inspect
