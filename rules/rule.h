// What a rule is: its metadata and its check, which reads the model, the
// inspected facts and the analysis, and reports findings through a sink. A
// rule never formats output, touches files or recomputes an analysed fact.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analysis.h"
#include "parser/config_model.h"
#include "report/finding.h"
#include "report/report.h"

namespace emglint::inspect {
struct Installation;
struct RcLocalFacts;
}  // namespace emglint::inspect

namespace emglint::rules {

// The report model is the rules' vocabulary.
using analysis::CheckSettings;
using report::Applicability;
using report::FileId;
using report::Finding;
using report::Fix;
using report::FixAvailability;
using report::FsAction;
using report::Phase;
using report::PhaseSet;
using report::RuleInfo;
using report::Scope;
using report::Severity;
using report::Span;
using report::TextEdit;

struct CheckContext {
  const config::ConfigModel& config;
  FileId config_file;
  std::string_view config_name;  // how findings name it: "server.cfg", or the path of a lone config
  std::uint64_t config_hash = 0;
  bool config_withheld = false;  // not read, its owner could not read it: `config` is empty, not the file's
  const report::PhaseDecision& phase;
  const CheckSettings& settings;
  const analysis::TargetAnalysis& analysis;  // facts computed once: index, tools, rc.local, limits
  const report::TargetFacts& facts;
  const inspect::Installation* installation = nullptr;  // nullptr for a lone config
  const inspect::RcLocalFacts* rc_local = nullptr;      // nullptr when no rc.local is to be checked
  std::optional<FileId> rc_local_file;                  // its entry in the file table
};

// A finding a rule has reported, by position in the sink: unlike a
// reference, it stays valid when the rule reports more.
class FindingHandle {
 public:
  FindingHandle(std::vector<Finding>& findings, std::size_t index) : findings_(&findings), index_(index) {}
  // A finding that does not move: the last one the bound left out, which a
  // rule may still change (a severity it sets counts in the "more" finding).
  explicit FindingHandle(Finding& finding) : finding_(&finding) {}
  Finding& operator*() const { return finding_ != nullptr ? *finding_ : (*findings_)[index_]; }
  Finding* operator->() const { return &**this; }

 private:
  std::vector<Finding>* findings_ = nullptr;
  std::size_t index_ = 0;
  Finding* finding_ = nullptr;
};

// Collects one rule's findings: fills in severity, file, object key and the
// source line, and keeps at most `max_findings` per file; the rest is
// counted and reported as one finding by `finish`. Nothing is masked here:
// check::conceal_secrets masks the findings once they are complete.
class Findings {
 public:
  Findings(const RuleInfo& rule, const CheckContext& context, report::FileTable& files, std::vector<Finding>& out);

  // A finding in server.cfg at `span`.
  FindingHandle report(const Span& span, std::string message);
  // A finding about a path (relative to the target, or absolute), with no line.
  FindingHandle report_path(std::string path, std::string message);
  FindingHandle report_path(FileId file, std::string message);
  // A finding at a line of another file (rc.local, a log), with that line's text.
  FindingHandle report_in(std::string path, const Span& span, std::string message, std::string source_line);

  // `count` findings at or before `span` in server.cfg that were never
  // recorded (the parser keeps a bounded number of syntax errors).
  void count_left_out(const Span& span, std::size_t count);
  // Reports how many findings the bound left out, one finding per file.
  void finish();

 private:
  FindingHandle add(FileId file, std::optional<Span> span, std::string message, std::string source_line);
  FileId file_of(std::string path);
  [[nodiscard]] std::string object_in(FileId file, std::optional<Span> span, std::string_view source_line) const;

  const RuleInfo& rule_;
  const CheckContext& context_;
  report::FileTable& files_;
  std::vector<Finding>& out_;
  std::size_t first_;                                           // this rule's first finding in out_
  std::map<FileId, std::size_t> kept_;                          // per file
  std::map<FileId, std::pair<std::size_t, Finding>> left_out_;  // per file: how many were left out, and the last
};

// What the other rules found, for a rule about findings themselves (an
// inline suppression that silences nothing).
struct Review {
  std::span<const Finding> findings;         // those of the rules that ran, suppressions applied
  std::span<const std::string_view> ran;     // the IDs of the rules that ran, sorted
};

// A rule checks the target; a reviewing rule instead runs after all others,
// and reads what they found.
struct Rule {
  RuleInfo info;
  void (*check)(const CheckContext& context, Findings& findings) = nullptr;
  void (*review)(const CheckContext& context, const Review& review, Findings& findings) = nullptr;
};

}  // namespace emglint::rules
