#include "rules/rule.h"

namespace emglint::rules {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> severity_from_string(std::string_view text) {
  for (Severity severity : {Severity::info, Severity::warning, Severity::error}) {
    if (to_string(severity) == text) return severity;
  }
  return std::nullopt;
}

std::string_view to_string(FixAvailability availability) {
  switch (availability) {
    case FixAvailability::none: return "none";
    case FixAvailability::safe: return "safe";
    case FixAvailability::safe_when: return "safe*";
    case FixAvailability::unsafe: return "unsafe";
  }
  return "none";
}

std::string_view to_string(Scope scope) {
  switch (scope) {
    case Scope::config: return "config";
    case Scope::installation: return "installation";
    case Scope::open_files: return "open-files";
    case Scope::rc_local: return "rc-local";
  }
  return "config";
}

std::string_view to_string(FsAction::Kind kind) {
  switch (kind) {
    case FsAction::Kind::symlink: return "symlink";
    case FsAction::Kind::copy: return "copy";
    case FsAction::Kind::chmod: return "chmod";
  }
  return "symlink";
}

std::string_view to_string(FixSafety safety) { return safety == FixSafety::safe ? "safe" : "unsafe"; }

Finding& Findings::report(const Span& span, std::string message) {
  out_.push_back({.rule = &rule_,
                  .severity = rule_.severity,
                  .file = context_.config_file,
                  .span = span,
                  .message = std::move(message),
                  .fix = std::nullopt,
                  .source_line = {}});
  return out_.back();
}

Finding& Findings::report_path(std::string path, std::string message) {
  out_.push_back({.rule = &rule_,
                  .severity = rule_.severity,
                  .file = std::move(path),
                  .span = std::nullopt,
                  .message = std::move(message),
                  .fix = std::nullopt,
                  .source_line = {}});
  return out_.back();
}

Finding& Findings::report_in(std::string path, const Span& span, std::string message, std::string source_line) {
  out_.push_back({.rule = &rule_,
                  .severity = rule_.severity,
                  .file = std::move(path),
                  .span = span,
                  .message = std::move(message),
                  .fix = std::nullopt,
                  .source_line = std::move(source_line)});
  return out_.back();
}

}  // namespace emglint::rules
