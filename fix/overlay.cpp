#include "fix/overlay.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace emglint::fix {

namespace {

namespace fs = std::filesystem;
using inspect::BinEntry;
using inspect::EntryType;
using inspect::Installation;
using report::FsAction;

constexpr std::string_view bin_prefix = "bin/";

std::string bin_directory(const Installation& installation) {
  std::error_code error;
  const fs::path real = fs::canonical(fs::path(installation.root) / "bin", error);
  return error ? (fs::path(installation.root) / "bin").lexically_normal().string() : real.string();
}

BinEntry& entry_named(Installation& installation, std::string_view name) {
  auto at = std::lower_bound(installation.bin.begin(), installation.bin.end(), name,
                             [](const BinEntry& entry, std::string_view wanted) { return entry.name < wanted; });
  if (at == installation.bin.end() || at->name != name) {
    at = installation.bin.insert(at, BinEntry{});
    at->name = std::string(name);
  }
  return *at;
}

// What a link ends at, as bin/'s table tells: `entry` takes the final file's
// type, mode, size, bytes and real path. A hop that leaves bin/ goes on as the
// inspection found it, since no step writes outside bin/.
void follow(const Installation& installation, BinEntry& entry, const std::string& bin) {
  inspect::LinkInfo& link = *entry.link;
  link = inspect::LinkInfo{.hops = {link.hops.front()}};
  entry.final_type = EntryType::missing;
  entry.mode = 0;
  entry.size = 0;
  entry.content_hash.reset();
  entry.real_path.clear();
  const auto end_at = [&](const std::string& name) {
    link.final_path = bin + "/" + name;
    link.final_in_bin = true;
  };
  std::set<std::string> seen{entry.name};
  for (int hops = 0; hops < inspect::max_link_hops; ++hops) {
    const std::string hop = link.hops.back().text;
    if (!seen.insert(hop).second) {
      link.loop = true;
      end_at(hop);
      return;
    }
    const BinEntry* next = inspect::find_entry(installation.bin, hop);
    if (next == nullptr || next->type == EntryType::missing) {
      link.dangling = true;
      end_at(hop);
      return;
    }
    const bool goes_on_outside =
        next->type == EntryType::symlink && next->link && next->link->hops.front().text.find('/') != std::string::npos;
    if (next->type == EntryType::symlink && !goes_on_outside) {
      link.hops.push_back({bin + "/" + hop, next->link ? next->link->hops.front().text : std::string(), true});
      continue;
    }
    if (goes_on_outside) {
      const inspect::LinkInfo& rest = *next->link;
      link.hops.insert(link.hops.end(), rest.hops.begin(), rest.hops.end());
      link.final_path = rest.final_path;
      link.final_in_bin = rest.final_in_bin;
      link.dangling = rest.dangling;
      link.loop = rest.loop;
    } else {
      end_at(hop);
    }
    if (link.dangling || link.loop) return;
    entry.final_type = next->final_type;
    entry.mode = next->mode;
    entry.size = next->size;
    entry.content_hash = next->content_hash;
    entry.real_path = next->real_path;
    return;
  }
  link.loop = true;
  end_at(link.hops.back().text);
}

// Every link of bin/ whose first hop stays in bin/, followed again.
void follow_links(Installation& installation, const std::string& bin) {
  for (BinEntry& entry : installation.bin) {
    if (entry.type != EntryType::symlink || !entry.link ||
        entry.link->hops.front().text.find('/') != std::string::npos) {
      continue;
    }
    BinEntry updated = entry;
    follow(installation, updated, bin);
    entry = std::move(updated);
  }
}

void record_owner(Installation& installation, const std::string& path, std::uint32_t owner, bool symlink) {
  const auto at = std::find_if(installation.entries.begin(), installation.entries.end(),
                               [&](const inspect::OwnedEntry& entry) { return entry.path == path; });
  if (at != installation.entries.end()) {
    at->owner = owner;
    at->symlink = symlink;
  } else {
    installation.entries.push_back({.path = path, .owner = owner, .symlink = symlink});
  }
}

// What `-v` of `name` answers is what the file it now holds answered.
void probe_as(Installation& installation, std::string_view name, const inspect::ProbeResult* source) {
  std::erase_if(installation.probes, [&](const inspect::ProbeResult& probe) { return probe.name == name; });
  if (source == nullptr) return;
  inspect::ProbeResult copy = *source;
  copy.name = std::string(name);
  installation.probes.push_back(std::move(copy));
}

// The file a copy reads: an entry of bin/ or of the distribution, else the file itself.
BinEntry source_of(const Installation& installation, const FsAction& action) {
  if (action.from.starts_with(bin_prefix)) {
    if (const BinEntry* entry = installation.find(std::string_view(action.from).substr(bin_prefix.size()))) {
      return *entry;
    }
  }
  if (installation.dist) {
    for (const BinEntry& entry : *installation.dist) {
      if (installation.dist_bin + "/" + entry.name == action.from) return entry;
    }
  }
  BinEntry file;
  struct stat status {};
  if (::stat(action.from.c_str(), &status) == 0) {
    file.mode = status.st_mode & 07777;
    file.size = static_cast<std::uint64_t>(status.st_size);
  }
  file.final_type = EntryType::regular;
  return file;
}

const inspect::ProbeResult* probe_of_source(const Installation& installation, const FsAction& action) {
  if (action.from.starts_with(bin_prefix)) return installation.probe(std::string_view(action.from).substr(bin_prefix.size()));
  if (installation.dist_emgd_probe && action.from == installation.dist_bin + "/emgd") {
    return &*installation.dist_emgd_probe;
  }
  return nullptr;
}

void simulate_in_bin(Installation& installation, const FsAction& action, uid_t caller, const std::string& bin) {
  const std::string name = action.path.substr(bin_prefix.size());
  switch (action.kind) {
    case FsAction::Kind::symlink: {
      BinEntry& entry = entry_named(installation, name);
      entry.type = EntryType::symlink;
      entry.owner = creator_owner(installation, caller);
      entry.link = inspect::LinkInfo{.hops = {{.path = bin + "/" + name, .text = action.target, .in_bin = true}}};
      record_owner(installation, action.path, entry.owner, true);
      probe_as(installation, name, nullptr);
      break;
    }
    case FsAction::Kind::copy:
    case FsAction::Kind::keep: {
      const bool keep = action.kind == FsAction::Kind::keep;
      BinEntry source = source_of(installation, action);
      const inspect::ProbeResult* probed = probe_of_source(installation, action);
      const std::optional<inspect::ProbeResult> probe = probed ? std::optional(*probed) : std::nullopt;
      BinEntry& entry = entry_named(installation, name);
      entry.type = EntryType::regular;
      entry.final_type = EntryType::regular;
      entry.link.reset();
      entry.mode = source.mode;
      entry.size = source.size;
      entry.content_hash = keep ? action.from_hash : action.from_hash.value_or(source.content_hash.value_or(0));
      entry.owner = keep ? source.owner : creator_owner(installation, caller);
      // A hard link is the same file, but /proc and `realpath` name it by the name it was reached by.
      entry.real_path = bin + "/" + name;
      record_owner(installation, action.path, entry.owner, false);
      probe_as(installation, name, probe ? &*probe : nullptr);
      break;
    }
    case FsAction::Kind::chmod: {
      BinEntry& entry = entry_named(installation, name);
      entry.mode = action.mode_bits().value_or(entry.mode);
      // Every name of the same file shows the new mode.
      for (BinEntry& other : installation.bin) {
        if (!entry.real_path.empty() && other.real_path == entry.real_path) other.mode = entry.mode;
      }
      break;
    }
  }
}

}  // namespace

std::uint32_t creator_owner(const Installation& installation, uid_t caller) {
  return caller == 0 ? installation.bin_owner : caller;
}

void simulate(Installation& installation, const FsAction& action, std::string_view config_name, uid_t caller) {
  if (action.kind == FsAction::Kind::chmod && action.path == config_name) {
    installation.config_mode = action.mode_bits().value_or(installation.config_mode);
    return;
  }
  for (inspect::ConfigBackup& backup : installation.config_backups) {
    if (action.kind == FsAction::Kind::chmod && action.path == backup.name) {
      backup.mode = action.mode_bits().value_or(backup.mode);
    }
  }
  if (!action.path.starts_with(bin_prefix)) return;
  const std::string bin = bin_directory(installation);
  simulate_in_bin(installation, action, caller, bin);
  follow_links(installation, bin);
}

}  // namespace emglint::fix
