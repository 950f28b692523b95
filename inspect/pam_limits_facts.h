// What decides the open-files limit a `su` in the boot script gives the
// watchdog: the PAM service files of `su` and `su -` with every file they
// include, and the limits files pam_limits reads. Read once, never written;
// the analysis decides what they mean for the user the watchdog runs as.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "parser/pam_config.h"

namespace emglint::inspect {

// Where PAM keeps its files; overridable for tests and for checking a copy.
struct PamPaths {
  std::string pam_dir = "/etc/pam.d";
  std::string limits_conf = "/etc/security/limits.conf";  // limits.d is the directory beside it
};

struct PamServiceFile {
  std::string path;  // absolute
  bool exists = false;
  std::string read_error;  // set when it exists but cannot be read
  std::vector<pam::ServiceEntry> entries;
};

struct LimitsFile {
  std::string path;  // absolute
  bool exists = false;
  std::string read_error;  // set when it exists but cannot be read
  std::vector<pam::LimitsEntry> entries;
};

struct PamLimitsFacts {
  std::string pam_dir;                             // absolute
  std::map<std::string, PamServiceFile> services;  // by the name PAM knows it by: "su", "su-l", "common-session"
  bool include_bound_reached = false;              // an include chain went deeper than max_pam_include_depth
  LimitsFile limits_conf;
  std::string limits_d;                    // the directory, absolute
  std::vector<LimitsFile> limits_d_files;  // its *.conf, in the order pam_limits reads them
  std::string limits_d_error;              // set when it exists but cannot be listed

  // The service file named `name`; nullptr when it was not looked for.
  [[nodiscard]] const PamServiceFile* service(const std::string& name) const;
};

// How deep `@include` and `include`/`substack` are followed from su and su-l.
inline constexpr int max_pam_include_depth = 8;

// Reads /etc/pam.d/su and /etc/pam.d/su-l with what they include (all of a
// file for `@include`, for `include` and `substack` only when they include
// session lines), then limits.conf and limits.d/*.conf.
[[nodiscard]] PamLimitsFacts inspect_pam_limits(const PamPaths& paths);

}  // namespace emglint::inspect
