// `.emglint.toml`: a team's settings in one place, found upward from the
// checked path (or named with --config). Command-line options win over it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::cli {

// A value read from the file, and the line it stands on.
template <typename T>
struct FromFile {
  T value{};
  std::size_t line = 0;
};

struct PerFileIgnore {
  std::string glob;  // relative to the file's directory; `*` matches across `/`
  std::vector<std::string> ids;
  std::size_t line = 0;
};

struct SeverityOverride {
  std::string id;
  std::string severity;  // error, warning or info
  std::size_t line = 0;
};

struct ProjectSettings {
  std::string path;       // the file read
  std::string directory;  // where its relative paths and globs start
  std::optional<FromFile<std::vector<std::string>>> select;
  std::optional<FromFile<std::vector<std::string>>> ignore;
  std::optional<FromFile<std::string>> fail_on;
  std::vector<SeverityOverride> severity;
  std::vector<PerFileIgnore> per_file_ignores;
  std::vector<FromFile<std::string>> known_keywords;  // SCOPE:NAME
  std::optional<FromFile<std::string>> emgdir;
  std::optional<FromFile<std::string>> rc_local;
  std::optional<FromFile<std::string>> dist;
  std::optional<FromFile<std::string>> watchdog_pattern;
  std::optional<FromFile<bool>> offline;
  std::optional<FromFile<std::int64_t>> instances;
  std::optional<FromFile<std::int64_t>> ulimit;
  std::optional<FromFile<std::size_t>> max_file_size;  // bytes
};

// The largest file size a user may allow: far above any config, and what a
// size in bytes can count without overflow anywhere it is used.
inline constexpr std::size_t largest_file_size_limit = std::size_t{1} << 40;

// A size as `--max-file-size` and `max-file-size` take it: bytes, or a whole
// number followed by K, M or G (binary: KiB, MiB, GiB also read), from 1 byte
// to largest_file_size_limit; nullopt otherwise.
[[nodiscard]] std::optional<std::size_t> parse_file_size(std::string_view text);

struct ProjectSettingsRead {
  std::optional<ProjectSettings> settings;
  std::string problem;  // "FILE:LINE: ..." when the file cannot be used
};

inline constexpr const char* project_settings_name = ".emglint.toml";

// The nearest `.emglint.toml` in `start` (a directory or a file's directory) or above it; empty when none.
[[nodiscard]] std::string find_project_settings(const std::string& start);

// Reads and checks the file: an unknown key or a wrong type is a problem that names file, line and key.
[[nodiscard]] ProjectSettingsRead read_project_settings(const std::string& path);

}  // namespace emglint::cli
