// Text from a file or a path, made safe for a terminal.
#pragma once

#include <string>
#include <string_view>

namespace emglint::report {

// Each control character but the tab as `?`: a file's bytes must not reach a
// terminal as escape sequences.
[[nodiscard]] inline std::string printable(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    const auto code = static_cast<unsigned char>(c);
    if ((code < 0x20 && c != '\t') || code == 0x7f) c = '?';
  }
  return result;
}

}  // namespace emglint::report
