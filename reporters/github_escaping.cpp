#include "reporters/github_escaping.h"

namespace emglint::reporters {

namespace {

std::string escaped(std::string_view text, bool property) {
  std::string result;
  result.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%': result += "%25"; break;
      case '\r': result += "%0D"; break;
      case '\n': result += "%0A"; break;
      case ':':
        if (property) {
          result += "%3A";
        } else {
          result += c;
        }
        break;
      case ',':
        if (property) {
          result += "%2C";
        } else {
          result += c;
        }
        break;
      default: result += c;
    }
  }
  return result;
}

}  // namespace

std::string escape_github_message(std::string_view text) { return escaped(text, false); }
std::string escape_github_property(std::string_view text) { return escaped(text, true); }

}  // namespace emglint::reporters
