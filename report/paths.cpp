#include "report/paths.h"

namespace emglint::report {

namespace fs = std::filesystem;

std::string normal_path(std::string_view path) {
  std::string normal = fs::path(path).lexically_normal().generic_string();
  if (normal.size() > 1 && normal.ends_with('/')) normal.pop_back();
  return normal.empty() ? "." : normal;
}

fs::path normal_absolute(const fs::path& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  return fs::path(normal_path((error ? path : absolute).generic_string()));
}

std::optional<std::string> relative_inside(const fs::path& path, const fs::path& base) {
  if (path.is_absolute() != base.is_absolute()) return std::nullopt;
  const fs::path relation =
      fs::path(normal_path(path.generic_string())).lexically_relative(normal_path(base.generic_string()));
  if (relation.empty() || *relation.begin() == "..") return std::nullopt;
  return relation.generic_string();
}

std::optional<std::string> relative_below(std::string_view path) {
  if (path.empty() || path.starts_with('/')) return std::nullopt;
  std::string normal = normal_path(path);
  if (normal == "." || normal == ".." || normal.starts_with("../")) return std::nullopt;
  return normal;
}

std::string percent_encoded(std::string_view path) {
  constexpr char hex[] = "0123456789ABCDEF";
  std::string uri;
  uri.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      uri += c;
    } else {
      uri += '%';
      uri += hex[byte >> 4];
      uri += hex[byte & 0xf];
    }
  }
  return uri;
}

std::string file_uri(std::string_view absolute_path, bool directory) {
  std::string normal = normal_path(absolute_path);
  // `/..` is `/`; what is left below the root has no `/` in front.
  while (normal.starts_with('/')) normal.erase(0, 1);
  std::string uri = "file:///" + percent_encoded(normal);
  if (directory && !uri.ends_with('/')) uri += '/';
  return uri;
}

}  // namespace emglint::report
