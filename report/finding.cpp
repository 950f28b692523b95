#include "report/finding.h"

#include <charconv>

namespace emglint::report {

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

std::string_view to_string(Applicability applicability) {
  switch (applicability) {
    case Applicability::safe: return "safe";
    case Applicability::unsafe: return "unsafe";
    case Applicability::display_only: return "display-only";
  }
  return "display-only";
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

bool Fix::masked() const {
  for (const TextEdit& edit : edits) {
    if (edit.shown_replacement != edit.replacement) return true;
  }
  return false;
}

std::string_view to_string(FsAction::Kind kind) {
  switch (kind) {
    case FsAction::Kind::symlink: return "symlink";
    case FsAction::Kind::copy: return "copy";
    case FsAction::Kind::chmod: return "chmod";
    case FsAction::Kind::keep: return "keep";
  }
  return "symlink";
}

std::optional<std::uint32_t> FsAction::mode_bits() const {
  std::uint32_t bits = 0;
  const char* end = mode.data() + mode.size();
  const auto [stop, error] = std::from_chars(mode.data(), end, bits, 8);
  if (mode.empty() || error != std::errc() || stop != end || bits > 07777) return std::nullopt;
  return bits;
}

}  // namespace emglint::report
