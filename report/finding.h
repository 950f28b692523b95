// What a check reports: rule metadata, findings, and fixes ready to apply.
// The report model is a leaf: every layer may use it, it uses nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/file_table.h"
#include "report/phase.h"
#include "report/span.h"

namespace emglint::report {

enum class Severity { info, warning, error };
[[nodiscard]] std::string_view to_string(Severity severity);
[[nodiscard]] std::optional<Severity> severity_from_string(std::string_view text);

// What `--fix` may do for a rule: `safe_when` is "safe*" in the catalog, safe
// for some cases and unsafe or impossible for others (the rule decides per finding).
enum class FixAvailability { none, safe, safe_when, unsafe };
[[nodiscard]] std::string_view to_string(FixAvailability availability);

// ruff's classes: `--fix` applies safe fixes, `--fix --unsafe-fixes` unsafe
// ones too; a display-only fix is shown and never applied.
enum class Applicability { safe, unsafe, display_only };
[[nodiscard]] std::string_view to_string(Applicability applicability);

// What a rule needs to run (rules.md, "Scope"): config rules run on every
// config; installation rules need a directory; the open-files rule runs on an
// installation or wherever `--ulimit` is given; rc.local rules wherever an
// rc.local is to be checked (an installation's, or `--rc-local`).
enum class Scope { config, installation, open_files, rc_local };
[[nodiscard]] std::string_view to_string(Scope scope);

// An input a rule (or its fix) cannot do without, beyond its scope's.
// `dist_for_fix`: the fix copies from the distribution, so it needs --dist,
// and --probe-versions where the distribution's names carry no version.
// `running_system`: the process table of the host the installation runs on
// (not --offline, /proc readable, the installation's owner a user here).
enum class Needs { nothing, dist, probes, dist_for_fix, running_system };

struct RuleInfo {
  std::string_view id;
  std::string_view name;
  PhaseSet phases;
  Severity severity;
  FixAvailability fix;
  Scope scope;
  std::string_view summary;  // one sentence, reused by `rules`, SARIF and the page
  Needs needs = Needs::nothing;
  // A rule of every phase whose fix still depends on the phase (EMG402 relinks
  // to the release the phase expects): display-only while the phase is uncertain.
  bool fix_follows_phase = false;
  // A rule outside the config scope whose findings rest on server.cfg's content
  // (its instances, BACKEND, passwords): like the config rules, it does not run
  // where server.cfg was withheld (EMG901).
  bool reads_config = false;
};

struct TextEdit {
  FileId file = 0;
  Span span;                      // bytes to replace; an empty span inserts
  std::string replacement;        // what `--fix` writes
  std::string shown_replacement;  // what reports print: secrets masked
};

// What a path must be when a filesystem action runs, as the check saw it, so
// that applying can refuse a path changed meanwhile.
struct PathState {
  enum class Type { missing, regular, symlink, other };
  Type type = Type::missing;
  std::string link_target;                    // a symlink's first hop, as written
  std::optional<std::uint64_t> content_hash;  // a regular file's bytes
};

// A filesystem step of a fix. Paths inside the target are relative to it.
// `keep` gives a file about to be replaced a second name (a hard link), so
// that its bytes outlive the step that replaces it.
struct FsAction {
  enum class Kind { symlink, copy, chmod, keep };
  Kind kind = Kind::symlink;
  std::string path;                        // the link, the copy's destination, the file to chmod, the kept name
  std::string target;                      // symlink: what the link points at, as it will be written
  std::string from;                        // copy: the source; keep: the file kept
  std::string mode;                        // chmod: octal, "0755"
  PathState before;                        // what `path` is now
  std::optional<std::uint64_t> from_hash;  // copy: the source's bytes now

  // chmod: `mode` as permission bits; nullopt when it is no octal mode of at most 07777.
  [[nodiscard]] std::optional<std::uint32_t> mode_bits() const;
};
[[nodiscard]] std::string_view to_string(FsAction::Kind kind);

struct Fix {
  Applicability applicability = Applicability::safe;
  std::string description;      // imperative: "comment out DLR_TO_SAME_IP"
  std::vector<TextEdit> edits;  // per file sorted by offset, never overlapping
  std::vector<FsAction> actions;
  // False when this fix overlaps an earlier finding's fix (clang-tidy keeps the
  // first), or its own edits overlap: `note` says which. Never applied.
  bool applicable = true;
  std::string note;
  // Not applicable only because an earlier finding's fix claims the same bytes
  // or path: the planner, which knows which fixes a run applies, decides anew.
  bool overlaps_earlier_fix = false;

  // Whether an edit shows other text than it writes: a password shown as `***`.
  [[nodiscard]] bool masked() const;
};

// What every report says of a masked fix: its shown text, applied as it
// stands, would write `***` where the password goes.
inline constexpr std::string_view masked_fix_note = "passwords are shown as ***: apply it with emglint check --fix";

// A finding that is reported but does not count towards the exit code.
struct Suppression {
  enum class Kind { inline_comment, baseline };
  Kind kind = Kind::inline_comment;
  std::string reason;
  std::string expires;  // YYYY-MM-DD, empty for none
};

struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::error;
  FileId file = 0;
  std::optional<Span> span;
  // What the finding is about, without a line number, so that it keeps its
  // identity when unrelated lines move: `CONNECTOR smpp-in/DLR_TO_SAME_IP`,
  // `bin/emgd`, `rc.local/ulimit`. Unique per rule and file.
  std::string object;
  std::string message;
  std::optional<Fix> fix;
  std::string source_line;  // the line at span, secrets masked
  // The span's columns within source_line (1-based bytes, the end one past
  // the last), which a masked password moves away from the file's columns.
  std::size_t source_column = 0;
  std::size_t source_end_column = 0;
  std::optional<Suppression> suppression;
  // Which finding of this rule about this object it is in the file (1 for
  // the first; `object` then ends in ` #N`), and a hash of its masked line
  // with the lines either side (0 without a line): what tells apart two
  // findings about one object when lines move, as a baseline does.
  std::size_t occurrence = 1;
  std::uint64_t line_hash = 0;
};

}  // namespace emglint::report
