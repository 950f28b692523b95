// The one check pipeline: a target's files are read once into a file table,
// then checked from that table alone, with the phase pinned or detected. The
// CLI, the tests, the benchmarks and the fix loop all call `check_target`,
// which does no I/O, so it can check content a fix has changed in memory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/settings.h"
#include "inspect/installation.h"
#include "inspect/pam_limits_facts.h"
#include "inspect/rc_local_facts.h"
#include "report/report.h"
#include "rules/engine.h"

namespace emglint::check {

// One thing to check, as target discovery found it.
struct TargetSpec {
  std::string path;  // how reports name the target
  report::TargetKind kind = report::TargetKind::config;
  std::string config_path;  // the file to read
  std::string config_name;  // how findings name the config: "server.cfg", or `path` for a lone config
  std::string root;         // the PATH the user gave, which repository-relative paths start from
};

// A team's adjustments (`.emglint.toml`): a rule's severity, and rules left
// out for the files a glob matches (relative to `base`, a directory).
struct SeverityOverride {
  std::string rule;  // an ID or prefix
  report::Severity severity = report::Severity::error;
};
struct FileIgnore {
  std::string glob;
  std::string base;  // canonical
  std::vector<std::string> rules;  // IDs or prefixes
};

struct CheckOptions {
  analysis::CheckSettings settings;
  rules::Selection selection;
  std::vector<SeverityOverride> severity_overrides;  // the last that names a rule wins
  std::vector<FileIgnore> file_ignores;
  std::string rc_local;  // --rc-local; empty: /etc/rc.local for an installation, none for a config
  bool no_rc_local = false;  // --no-rc-local: the watchdog starts elsewhere; no boot script is checked
  // The system's boot script, checked for an installation when none is named;
  // unlike a named one it may be missing (EMG604 says so). Tests point it elsewhere.
  std::string default_rc_local = "/etc/rc.local";
  // Whether --fix may edit the boot script: the CLI allows it only for one
  // named on its command line, for one target at a time. Fixes that edit it
  // otherwise are reported as not applicable, so nothing counts them as fixable.
  bool rc_local_editable = true;
  std::string log_dir;   // where `general` is; empty: the installation's log/
  std::string pam_dir;      // --pam-dir; empty: /etc/pam.d
  std::string limits_conf;  // --limits-conf; empty: /etc/security/limits.conf (limits.d beside it)
  // --max-file-size: server.cfg and rc.local larger than this are not read (exit code 2).
  std::size_t max_file_size = inspect::max_text_file_bytes;
};

// A target as read from disk: its file table and what was inspected.
struct TargetInput {
  std::string path;
  report::TargetKind kind = report::TargetKind::config;
  std::string real_path;  // an installation's directory, canonical; empty for a config
  report::FileTable files;
  report::FileId config_file = 0;
  std::optional<report::FileId> rc_local_file;  // set when rc.local was read
  std::optional<inspect::Installation> installation;
  std::optional<inspect::RcLocalFacts> rc_local;      // whether it exists and may run; parsed from `files`
  std::optional<inspect::PamLimitsFacts> pam_limits;  // read with an rc.local: what `su` does to its limit
  std::vector<std::string> problems;                  // each worth exit code 2; nothing is checked when
                                                      // server.cfg itself could not be read
  bool readable = false;                              // server.cfg was read
  // An installation's server.cfg its owner could not read, checked by another
  // user (root): not read, and in the file table with no bytes. EMG901 names it;
  // the rules that rest on its content do not run, and the phase is not detected.
  bool config_withheld = false;
};

// `earlier_probes`: answers of `-v` this run already has, by the content of the file.
[[nodiscard]] TargetInput load_target(const TargetSpec& spec, const CheckOptions& options,
                                      const inspect::ProbeCache* earlier_probes = nullptr);
// A lone config held in memory, named `name` in findings: for tests and benchmarks.
[[nodiscard]] TargetInput config_input(std::string name, std::string bytes);

// Checks the content in `input.files`; `pinned` is the phase to check against,
// nullopt detects it. The report takes the input's files: a caller that has
// no further use for them moves the input in, and they are not copied.
[[nodiscard]] report::TargetReport check_target(TargetInput input, const CheckOptions& options,
                                                std::optional<report::Phase> pinned);

}  // namespace emglint::check
