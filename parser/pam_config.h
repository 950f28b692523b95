// The two PAM files that decide the open-files limit a `su` gives the
// watchdog: a service file of /etc/pam.d (which modules its session runs) and
// limits.conf (or a file of limits.d: what pam_limits sets, and for whom).
// Both are read as Linux-PAM reads them; only the lines are modelled here,
// what they mean for one user is the analysis's business.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::pam {

// One line of a PAM service file: a module it runs, or another file it includes.
struct ServiceEntry {
  enum class Kind { module, include };
  Kind kind = Kind::module;
  std::size_t line = 0;  // 1-based, of the line's first physical line (a `\` continues it)
  std::string type;      // lower case, without the leading `-`: "session"; empty for `@include`
  std::string control;   // "required", "[default=1]", "include", "substack"; empty for `@include`
  std::string target;    // the module's path, or the included service's name
  std::vector<std::string> arguments;

  // `@include NAME` takes every line of NAME; `TYPE include NAME` and
  // `TYPE substack NAME` only its lines of TYPE.
  [[nodiscard]] bool includes_type(std::string_view wanted) const { return type.empty() || type == wanted; }
  // The module file's name, without its directory: "pam_limits.so".
  [[nodiscard]] std::string_view module_name() const;
};

// `#` starts a comment anywhere on a line; a bracketed control such as
// `[success=1 default=ignore]` is one word. Lines without a module are skipped.
[[nodiscard]] std::vector<ServiceEntry> parse_service(std::string_view text);

// One line of limits.conf: `DOMAIN TYPE ITEM VALUE`, or `DOMAIN -`, which
// exempts DOMAIN from every limit.
struct LimitsEntry {
  std::size_t line = 0;  // 1-based
  std::string domain;    // as written: a user, `@group`, `*`, `%...`, a uid or gid range
  std::string type;      // lower case: "soft", "hard", "-" (both); "-" alone for an exemption
  std::string item;      // lower case: "nofile"
  std::string value;     // lower case: a number, "unlimited", "infinity", "-1", "-"
  bool exemption = false;
};

// Lines pam_limits would skip as invalid are left out.
[[nodiscard]] std::vector<LimitsEntry> parse_limits(std::string_view text);

}  // namespace emglint::pam
