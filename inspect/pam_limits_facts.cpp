#include "inspect/pam_limits_facts.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <variant>

#include "inspect/file_reader.h"

namespace emglint::inspect {

namespace {

namespace fs = std::filesystem;

// PAM files are a few hundred bytes; a megabyte is no PAM file.
constexpr std::size_t max_pam_file_bytes = 1024 * 1024;
// Files of limits.d read at most.
constexpr std::size_t max_limits_d_files = 1000;

std::string absolute(const std::string& path) { return fs::absolute(fs::path(path)).lexically_normal().string(); }

// Reads `path` into `text`; false with `error` set when it exists but cannot be read, or `exists` false.
bool read_small_file(const std::string& path, bool& exists, std::string& error, std::string& text) {
  struct stat status {};
  exists = ::stat(path.c_str(), &status) == 0;
  if (!exists) return false;
  auto content = read_text_file(path, max_pam_file_bytes);
  if (auto* failure = std::get_if<ReadError>(&content)) {
    error = failure->message;
    return false;
  }
  text = std::get<std::string>(std::move(content));
  return true;
}

LimitsFile read_limits_file(const std::string& path) {
  LimitsFile file;
  file.path = path;
  std::string text;
  if (read_small_file(path, file.exists, file.read_error, text)) file.entries = pam::parse_limits(text);
  return file;
}

// Reads the service `name` and, depth first, what it includes.
void read_service(PamLimitsFacts& facts, const std::string& name, int depth) {
  if (facts.services.contains(name)) return;  // read once, also when it includes itself
  if (depth > max_pam_include_depth) {
    facts.include_bound_reached = true;
    return;
  }
  PamServiceFile& file = facts.services[name];
  // An absolute name is a path of its own, as PAM takes it.
  file.path = name.starts_with('/') ? absolute(name) : (fs::path(facts.pam_dir) / name).lexically_normal().string();
  std::string text;
  if (!read_small_file(file.path, file.exists, file.read_error, text)) return;
  file.entries = pam::parse_service(text);
  std::vector<std::string> included;
  for (const auto& entry : file.entries) {
    if (entry.kind == pam::ServiceEntry::Kind::include && entry.includes_type("session")) {
      included.push_back(entry.target);
    }
  }
  for (const auto& next : included) read_service(facts, next, depth + 1);
}

}  // namespace

const PamServiceFile* PamLimitsFacts::service(const std::string& name) const {
  const auto found = services.find(name);
  return found == services.end() ? nullptr : &found->second;
}

PamLimitsFacts inspect_pam_limits(const PamPaths& paths) {
  PamLimitsFacts facts;
  facts.pam_dir = absolute(paths.pam_dir);
  // `su -` runs the session of su-l, plain `su` that of su.
  read_service(facts, "su", 0);
  read_service(facts, "su-l", 0);

  facts.limits_conf = read_limits_file(absolute(paths.limits_conf));
  facts.limits_d = (fs::path(facts.limits_conf.path).parent_path() / "limits.d").string();
  struct stat status {};
  if (::stat(facts.limits_d.c_str(), &status) != 0) return facts;
  auto listed = list_directory_entries(facts.limits_d);
  if (auto* error = std::get_if<ReadError>(&listed)) {
    facts.limits_d_error = error->message;
    return facts;
  }
  // pam_limits globs *.conf and reads the files in the byte order of their names.
  auto names = std::get<std::vector<std::string>>(std::move(listed));
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    if (!name.ends_with(".conf") || name.starts_with('.')) continue;  // as the glob *.conf matches
    if (facts.limits_d_files.size() == max_limits_d_files) break;
    facts.limits_d_files.push_back(read_limits_file((fs::path(facts.limits_d) / name).string()));
  }
  return facts;
}

}  // namespace emglint::inspect
