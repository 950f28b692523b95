#include "merge/host_name.h"

#include <fmt/format.h>

namespace emglint::merge {

namespace {

// A DNS name is at most 253 characters; an inventory alias is rarely longer.
constexpr std::size_t max_host_name_bytes = 255;

}  // namespace

std::optional<std::string> host_name_problem(std::string_view name) {
  if (name.empty()) return "a host name cannot be empty";
  if (name.size() > max_host_name_bytes) {
    return fmt::format("a host name has at most {} characters", max_host_name_bytes);
  }
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte >= 0x7f) return "a host name is one word of printable ASCII characters";
    if (c == '/') return "a host name cannot hold `/`";
  }
  return std::nullopt;
}

}  // namespace emglint::merge
