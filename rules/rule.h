// What a rule is and what it reports: metadata, findings, fixes. A rule reads
// the model and the inspected facts, and never formats output or touches files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/config_model.h"
#include "rules/phase.h"

namespace emglint::inspect {
struct Installation;
struct RcLocalFacts;
}  // namespace emglint::inspect

namespace emglint::rules {

using config::Span;

enum class Severity { info, warning, error };
[[nodiscard]] std::string_view to_string(Severity severity);
[[nodiscard]] std::optional<Severity> severity_from_string(std::string_view text);

// What `--fix` may do for a rule: `safe_when` is "safe*" in the catalog, safe
// for some cases and unsafe or impossible for others (the rule decides per finding).
enum class FixAvailability { none, safe, safe_when, unsafe };
[[nodiscard]] std::string_view to_string(FixAvailability availability);

enum class FixSafety { safe, unsafe };
[[nodiscard]] std::string_view to_string(FixSafety safety);

// What a rule needs to run (rules.md, "Scope"): config rules run on every
// config; installation rules need a directory; the open-files rule runs on an
// installation or wherever `--ulimit` is given; rc.local rules wherever an
// rc.local is to be checked (an installation's, or `--rc-local`).
enum class Scope { config, installation, open_files, rc_local };
[[nodiscard]] std::string_view to_string(Scope scope);

struct RuleInfo {
  std::string_view id;
  std::string_view name;
  PhaseSet phases;
  Severity severity;
  FixAvailability fix;
  Scope scope;
  std::string_view summary;  // one sentence, reused by `rules`, SARIF and the page
};

struct TextEdit {
  std::string file;  // as in Finding::file
  Span span;         // bytes to replace; an empty span inserts
  std::string replacement;          // what `--fix` writes
  std::string shown_replacement;    // what reports print: secrets masked (filled by the engine)
};

// A filesystem step of a fix. Paths inside the target are relative to it.
struct FsAction {
  enum class Kind { symlink, copy, chmod };
  Kind kind = Kind::symlink;
  std::string path;    // the link, the copy's destination, or the file to chmod
  std::string target;  // symlink: what the link points at, as it will be written
  std::string from;    // copy: the source
  std::string mode;    // chmod: octal, "0755"
};
[[nodiscard]] std::string_view to_string(FsAction::Kind kind);

struct Fix {
  FixSafety safety = FixSafety::safe;
  std::string description;  // imperative: "comment out DLR_TO_SAME_IP"
  std::vector<TextEdit> edits;
  std::vector<FsAction> actions;
};

struct Finding {
  const RuleInfo* rule = nullptr;
  Severity severity = Severity::error;
  std::string file;  // relative to the target, or absolute outside it
  std::optional<Span> span;
  std::string message;
  std::optional<Fix> fix;
  std::string source_line;  // the line at span, secrets masked; filled by the engine
};

// The phase a target is checked against, and why.
struct PhaseDecision {
  std::optional<Phase> requested;  // nullopt: auto
  Phase effective = Phase::prepare;
  std::vector<std::string> evidence;
};

// The user's overrides and assumptions (command line, later .emglint.toml).
struct CheckSettings {
  std::optional<std::int64_t> ulimit;     // --ulimit N
  std::optional<std::int64_t> instances;  // --instances N
  std::string watchdog_pattern = "emg_watchdog";
  bool probe_versions = false;  // --probe-versions
  std::string dist;             // --dist DIR, empty when not given
};

// Numbers every report carries (contract.md `facts`), computed once per target.
struct TargetFacts {
  std::int64_t connector_instances = 0;  // from server.cfg, or --instances
  std::optional<std::int64_t> open_files_needed;
  std::optional<std::int64_t> open_files_limit;
  std::string open_files_source;  // "--ulimit", "/etc/rc.local:12", "/proc/4242/limits"
};

struct CheckContext {
  const config::ConfigModel& config;
  std::string config_file;  // how findings name the config ("server.cfg", or the path of a lone config)
  PhaseDecision phase;
  const CheckSettings& settings;
  TargetFacts facts;
  const inspect::Installation* installation = nullptr;  // nullptr for a lone config
  const inspect::RcLocalFacts* rc_local = nullptr;      // nullptr when no rc.local is to be checked
};

// Collects a rule's findings; severity defaults to the rule's.
class Findings {
 public:
  explicit Findings(const RuleInfo& rule, const CheckContext& context, std::vector<Finding>& out)
      : rule_(rule), context_(context), out_(out) {}

  // A finding in the config file at `span`.
  Finding& report(const Span& span, std::string message);
  // A finding about a path (relative to the target, or absolute), with no line.
  Finding& report_path(std::string path, std::string message);
  // A finding at a line of another file (rc.local, a log), with that line's text.
  Finding& report_in(std::string path, const Span& span, std::string message, std::string source_line);

 private:
  const RuleInfo& rule_;
  const CheckContext& context_;
  std::vector<Finding>& out_;
};

struct Rule {
  RuleInfo info;
  void (*check)(const CheckContext& context, Findings& findings);
};

}  // namespace emglint::rules
