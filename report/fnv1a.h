// FNV-1a, 64 bits: what emglint hashes with wherever a hash only has to be
// stable and tell things apart (a file's content, a fingerprint, a line with
// its neighbours), never to keep a secret.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace emglint::report {

inline constexpr std::uint64_t fnv1a_seed = 14695981039346656037ull;

// `bytes` hashed on from `hash`, so a long input can be hashed chunk by chunk.
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = fnv1a_seed) {
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 1099511628211ull;
  }
  return hash;
}

// `hash` as 16 lowercase hexadecimal digits.
[[nodiscard]] inline std::string hex64(std::uint64_t hash) {
  constexpr char digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (std::size_t i = 0; i < 16; ++i) text[15 - i] = digits[(hash >> (4 * i)) & 0xf];
  return text;
}

}  // namespace emglint::report
