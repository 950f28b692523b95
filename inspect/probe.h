// Runs `PROGRAM -v` safely: argv without a shell, stdin closed, stdout and
// stderr captured up to a cap, and killed (with its process group) at a deadline.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "inspect/installation.h"

namespace emglint::inspect {

inline constexpr std::chrono::milliseconds probe_timeout{5000};
inline constexpr std::size_t probe_output_cap = 4096;

[[nodiscard]] ProbeResult probe_version(const std::string& path, std::chrono::milliseconds timeout = probe_timeout);

// The seven tools and every versioned copy of them among `entries` (bin/'s),
// as paths below `bin`, in the order of `entries`: what --probe-versions runs there.
[[nodiscard]] std::vector<std::string> paths_to_probe(const std::string& bin, const std::vector<BinEntry>& entries);

// Probes every path in parallel; the results are in the order of `paths`.
[[nodiscard]] std::vector<ProbeResult> probe_all(const std::vector<std::string>& paths,
                                                 std::chrono::milliseconds timeout = probe_timeout);

// Probes the seven tools and every versioned copy of them in bin/, in parallel;
// the results are in the order of `entries`.
[[nodiscard]] std::vector<ProbeResult> probe_versions(const std::string& bin, const std::vector<BinEntry>& entries,
                                                    std::chrono::milliseconds timeout = probe_timeout);

}  // namespace emglint::inspect
