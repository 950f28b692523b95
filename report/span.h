// Where something is in a file: 1-based lines and columns counting bytes, and
// the byte range [begin, end) in the file's bytes (a byte order mark included).
#pragma once

#include <cstddef>

namespace emglint::report {

struct Span {
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t end_line = 0;
  std::size_t end_column = 0;  // one past the last byte, like `end`
  std::size_t begin = 0;
  std::size_t end = 0;
};

}  // namespace emglint::report
