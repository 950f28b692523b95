// EMG versions: `MAJOR.MINOR.PATCH` plus a build number, as found in versioned
// file names (`emgd-7.2.0-50785`) and in what `emgd -v` prints.
#pragma once

#include <array>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace emglint::inspect {

// The seven tools the upgrade procedure names.
inline constexpr std::array<std::string_view, 7> emg_tools = {"emgclient", "emgd",    "emgload", "emgpdu",
                                                              "emgsend",   "emgsink", "emgstat"};
[[nodiscard]] bool is_emg_tool(std::string_view name);

struct Version {
  unsigned major = 0;
  unsigned minor = 0;
  unsigned patch = 0;
  unsigned build = 0;
  auto operator<=>(const Version&) const = default;

  [[nodiscard]] bool is_release(unsigned want_major, unsigned want_minor) const {
    return major == want_major && minor == want_minor;
  }
  [[nodiscard]] std::string to_string() const;  // "7.2.0-50785"
};

struct VersionedName {
  std::string tool;
  Version version;
};

// `TOOL-MAJOR.MINOR.PATCH-BUILD`, exactly; nullopt otherwise.
[[nodiscard]] std::optional<VersionedName> parse_versioned_name(std::string_view name);

// A name that starts like a versioned copy of a tool but is not of the exact
// form (`emgd-7.2-50785`, `emgd_7.2.0_50785`); the tool it names, or nullopt.
[[nodiscard]] std::optional<std::string> looks_versioned(std::string_view name);

// What `TOOL -v` printed: the first `N.N.N` and the 4-to-6-digit build after it.
[[nodiscard]] std::optional<Version> parse_version_output(std::string_view output);

}  // namespace emglint::inspect
