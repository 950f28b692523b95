// The release of the unpacked distribution (--dist): the 7.2 version-build
// every copy from it is named after, or why emglint cannot tell.
#pragma once

#include <optional>
#include <string>

#include "inspect/installation.h"
#include "inspect/versions.h"

namespace emglint::analysis {

struct DistributionRelease {
  std::optional<inspect::Version> version;  // a 7.2 version-build, the only one the distribution shows
  // Without a version, why, as a clause a finding's message ends with:
  // "the distribution's emgd answers 7.1.3-48765 to -v, not a 7.2 version".
  std::string unknown_because;
  // Unknown only because its names carry no version and its emgd was not asked (no --probe-versions).
  bool needs_probe = false;
};

// From the distribution's versioned names, its tools that a 7.2 copy in bin/
// matches byte for byte, and what its `emgd -v` answered (the procedure names
// every copy after the new emgd's version). Every source must agree, and an
// emgd that was asked and gave no 7.2 version names nothing.
[[nodiscard]] DistributionRelease distribution_release(const inspect::Installation& installation);

}  // namespace emglint::analysis
