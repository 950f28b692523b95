// Read-only facts of an EMG installation, gathered once: bin/ entries and
// their links, the message store. Nothing here writes anything.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "inspect/accounts.h"
#include "inspect/versions.h"

namespace emglint::inspect {

enum class EntryType { regular, symlink, directory, other, missing };

// A link met on the way from a name of bin/ to the file it runs.
struct LinkHop {
  std::string path;     // the link, absolute and normalised
  std::string text;     // what it holds, as readlink says
  bool in_bin = false;  // it lies directly in bin/, however its path spells bin/
};

// The links from a name of bin/, followed as far as they go. What they mean
// for a tool (the release it runs, whether it leaves bin/) is analysis's.
struct LinkInfo {
  std::vector<LinkHop> hops;  // bin/NAME itself first, then each link it leads through; never empty
  std::string final_path;     // where the links end, absolute and normalised
  bool final_in_bin = false;  // that lies directly in bin/
  bool dangling = false;      // the links end at nothing
  bool loop = false;          // the links loop or are too deep
};

struct BinEntry {
  std::string name;
  EntryType type = EntryType::missing;        // of the entry itself (a link is `symlink`)
  EntryType final_type = EntryType::missing;  // after following links
  std::uint32_t mode = 0;                     // permission bits of the final file
  std::uint32_t owner = 0;                    // uid of the entry itself
  std::uint64_t size = 0;                     // of the final file
  std::optional<std::uint64_t> content_hash;  // of the final regular file
  std::optional<LinkInfo> link;
  std::string real_path;  // the final file's canonical path, as /proc/PID/exe shows it; empty if none
  // The installation's owner could not read the final file, and the caller is
  // someone else: it was neither hashed nor probed, and has no real_path.
  bool withheld = false;

  [[nodiscard]] bool owner_can_execute() const { return (mode & 0100u) != 0; }
};

struct ConfigBackup {
  std::string name;  // "server.cfg.emglint-bak", "server.cfg.emglint-bak.1"
  std::uint32_t mode = 0;
};

enum class StoreState { absent, empty, not_empty, unreadable };

// What `NAME -v` did, with --probe-versions (argv, no shell, stdin closed, 5 s).
struct ProbeResult {
  enum class Outcome { answered, timed_out, crashed, failed };
  std::string name;  // the bin/ entry probed
  Outcome outcome = Outcome::failed;
  std::string output;              // stdout and stderr, capped
  std::optional<Version> version;  // parsed leniently from the output
  std::string detail;              // "exit status 3", "killed by signal 11", "no answer within 5 s"
};

struct LogLine {
  std::size_t line = 0;
  std::string text;  // capped
};

// What a line of log/general is. The reader keeps lines by their kind; which
// line is of which kind is the analysis layer's to say (analysis/general_log.h).
enum class LogLineKind {
  other,
  start,         // a start-up line: the problems before it are an earlier run's
  start_of_7_2,  // a start-up line of 7.2
  problem,
};
using LogLineClassifier = LogLineKind (*)(std::string_view line);

// log/general from its last start-up line on, as the classifier sorted its lines.
struct GeneralLog {
  std::optional<LogLine> last_start;          // the last start-up line, if any
  std::optional<LogLine> last_7_2_start;      // the last start-up line of 7.2: 7.2 ran here once
  std::vector<LogLine> problems_since_start;  // the problem lines after the last start-up line (capped)
  std::size_t problems_not_kept = 0;
};

// An emgd process whose executable lies in this installation's bin/.
struct RunningEmgd {
  int pid = 0;
  std::string exe;                          // /proc/PID/exe, normalised
  std::optional<long long> max_open_files;  // soft limit; -1 for unlimited
};

struct OwnedEntry {
  std::string path;  // relative to the installation: "server.cfg", "bin/emgd", "log/2024/general.1"
  std::uint32_t owner = 0;
  bool symlink = false;  // the entry itself is a symbolic link (never followed)
};

// Where the walk of log/ or spool/ stopped before it had seen everything.
struct WalkBound {
  std::string directory;        // "log", "spool"
  bool entries_bound = false;   // it stopped after max_walk_entries entries
  bool depth_bound = false;     // a non-empty directory max_walk_depth levels down was not entered
  std::size_t max_entries = 0;  // the bounds it ran with
  int max_depth = 0;
};

// log/ and spool/ are walked to this many entries each, and this many levels deep.
inline constexpr std::size_t default_max_walk_entries = 10000;
inline constexpr int default_max_walk_depth = 8;

// Whether the process table was read for the installation.
enum class ProcessScan { done, offline, unreadable };

// What runs on this host: emgd processes from the installation's bin/, and
// processes whose command line holds the watchdog pattern (emglint aside).
struct ProcessTable {
  ProcessScan scan = ProcessScan::done;
  std::vector<RunningEmgd> emgd;
  std::vector<int> watchdogs;
};

// The characters of a command line compared with the watchdog pattern.
inline constexpr std::size_t max_command_line_size = 4096;

// What `-v` answered, by the content of the file that answered: within one
// run a file is executed once (the check after --fix reuses the first answers).
using ProbeCache = std::map<std::uint64_t, ProbeResult>;

struct InspectOptions {
  bool scan_processes = true;          // false with --offline: the installation is a copy
  std::string watchdog_pattern = "emg_watchdog";
  bool probe_versions = false;
  std::string log_dir;  // where `general` is; empty: EMGDIR/log
  std::string dist;     // the unpacked 7.2 distribution; its bin/ (or itself) is listed
  const ProbeCache* earlier_probes = nullptr;  // answers to reuse instead of probing again
  // What each line of log/general is; nullptr keeps none of its lines.
  LogLineClassifier classify_log_line = nullptr;
  std::size_t max_walk_entries = default_max_walk_entries;
  int max_walk_depth = default_max_walk_depth;
};

struct Installation {
  std::string root;
  std::uint32_t root_owner = 0;              // the EMG user: EMGDIR's owner
  std::string root_owner_name;               // how messages name that user: "emg", or "uid 1000"
  std::optional<UserAccount> owner_account;  // that user's groups, when the user database knows it
  bool has_bin = false;
  std::uint32_t bin_owner = 0;
  std::uint32_t bin_mode = 0;  // permission bits of bin/, the sticky bit included
  std::vector<BinEntry> bin;   // sorted by name
  StoreState leveldb = StoreState::absent;
  std::uint64_t leveldb_bytes = 0;  // the sizes of spool/leveldb's entries, summed (links not followed)
  std::uint32_t config_mode = 0;  // permission bits of server.cfg (of the file a link names)
  std::uint32_t config_owner = 0;
  std::uint32_t config_group = 0;
  std::string config_group_name;  // "adm", or "gid 4"
  // `server.cfg.emglint-bak*` files beside server.cfg: the originals `--fix`
  // kept, which hold the same passwords (links are not followed, nor listed).
  std::vector<ConfigBackup> config_backups;
  // Every entry of EMGDIR and bin/, and of log/ and spool/ at every level down
  // to the walk's bounds (symbolic links are not followed), in walk order.
  std::vector<OwnedEntry> entries;
  std::vector<WalkBound> walk_bounds;     // the walks that stopped early
  std::optional<GeneralLog> general_log;  // nullopt when log/general is absent or unreadable
  std::string general_log_path;           // how findings name it: "log/general", or absolute elsewhere
  ProcessScan process_scan = ProcessScan::offline;
  bool scanned_as_root_or_owner = false;  // what /proc shows others hides the owner's processes
  std::vector<RunningEmgd> running_emgd;
  std::vector<int> watchdogs;  // pids of processes matching the watchdog pattern
  std::vector<ProbeResult> probes;            // with --probe-versions: the tools and versioned copies, by name
  std::optional<std::vector<BinEntry>> dist;  // with --dist: the distribution's binaries, by name
  std::string dist_bin;                       // the directory they were listed from
  // With --dist and --probe-versions, when the distribution has a plain `emgd`
  // file: what its `-v` answered, the version every 7.2 copy is named after.
  std::optional<ProbeResult> dist_emgd_probe;
  std::vector<std::string> problems;          // what could not be read, for the report
  // Where the caller is not the owner (root checking a user's installation):
  // the files of the installation the owner could not read (or directories it
  // could not list), which were not read either, as findings name them:
  // "bin/emgd", "log/general", "spool/leveldb"; check::load_target adds
  // "server.cfg". Empty when the owner is no user of this host.
  std::vector<std::string> withheld;

  [[nodiscard]] const BinEntry* find(std::string_view name) const;
  [[nodiscard]] const ProbeResult* probe(std::string_view name) const;
  // Whether the EMG user may read server.cfg by its mode bits (ACLs aside):
  // nullopt when that depends on groups the user database does not tell.
  [[nodiscard]] std::optional<bool> owner_can_read_config() const;
};

// Links are followed hop by hop, at most this many, so a loop cannot hang.
inline constexpr int max_link_hops = 40;

// Kept problem lines of log/general, and the characters kept of each line.
inline constexpr std::size_t max_kept_log_lines = 1000;
inline constexpr std::size_t max_kept_log_line_size = 400;

// The entry named `name` in entries sorted by name (bin/, the distribution's).
[[nodiscard]] const BinEntry* find_entry(std::span<const BinEntry> entries, std::string_view name);

// The answers of `installation`'s probes, by the content of each file probed.
[[nodiscard]] ProbeCache probes_by_content(const Installation& installation);

[[nodiscard]] Installation inspect_installation(const std::string& root, const InspectOptions& options = {});

}  // namespace emglint::inspect
