#include "report/glob.h"

#include <cstddef>
#include <string>
#include <vector>

namespace emglint::report {

namespace {

struct Token {
  enum class Kind { literal, any_one, set, any_run, directories };
  Kind kind = Kind::literal;
  char literal = 0;
  std::string set;  // for `set`: the characters and ranges as written, `a-z` kept as three
  bool negated = false;
};

// Reads the set whose `[` is at `at` into `token`; false when no `]` closes it (the `[` is then literal).
bool read_set(std::string_view pattern, std::size_t& at, Token& token) {
  std::size_t end = at + 1;
  bool negated = false;
  if (end < pattern.size() && (pattern[end] == '!' || pattern[end] == '^')) {
    negated = true;
    ++end;
  }
  const std::size_t first = end;
  // A `]` right after `[` or `[!` is a member, not the end.
  if (end < pattern.size() && pattern[end] == ']') ++end;
  while (end < pattern.size() && pattern[end] != ']') ++end;
  if (end >= pattern.size()) return false;
  token = {Token::Kind::set, 0, std::string(pattern.substr(first, end - first)), negated};
  at = end + 1;
  return true;
}

std::vector<Token> tokens_of(std::string_view pattern) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (at < pattern.size()) {
    const char c = pattern[at];
    if (c == '*') {
      std::size_t end = at;
      while (end < pattern.size() && pattern[end] == '*') ++end;
      const bool at_directory_start = at == 0 || pattern[at - 1] == '/';
      if (end - at >= 2 && at_directory_start && end < pattern.size() && pattern[end] == '/') {
        tokens.push_back({Token::Kind::directories, 0, {}, false});
        at = end + 1;
      } else {
        tokens.push_back({Token::Kind::any_run, 0, {}, false});
        at = end;
      }
    } else if (c == '?') {
      tokens.push_back({Token::Kind::any_one, 0, {}, false});
      ++at;
    } else if (c == '[') {
      Token set;
      if (read_set(pattern, at, set)) {
        tokens.push_back(std::move(set));
      } else {
        tokens.push_back({Token::Kind::literal, c, {}, false});
        ++at;
      }
    } else if (c == '\\' && at + 1 < pattern.size()) {
      tokens.push_back({Token::Kind::literal, pattern[at + 1], {}, false});
      at += 2;
    } else {
      tokens.push_back({Token::Kind::literal, c, {}, false});
      ++at;
    }
  }
  return tokens;
}

bool in_set(const Token& token, char c) {
  const std::string& set = token.set;
  bool found = false;
  for (std::size_t i = 0; i < set.size() && !found; ++i) {
    if (i + 2 < set.size() && set[i + 1] == '-') {
      found = set[i] <= c && c <= set[i + 2];
      i += 2;
    } else {
      found = set[i] == c;
    }
  }
  return found != token.negated;
}

// Whether the tokens match all of `path`: a table of which token suffix
// matches which path suffix, filled from the ends, so that no pattern costs
// more than its length times the path's.
bool tokens_match(const std::vector<Token>& tokens, std::string_view path) {
  const std::size_t columns = path.size() + 1;
  // matched[i * columns + j]: tokens from i match path from j.
  std::vector<char> matched((tokens.size() + 1) * columns, 0);
  matched[tokens.size() * columns + path.size()] = 1;
  for (std::size_t i = tokens.size(); i-- > 0;) {
    const Token& token = tokens[i];
    const auto next = [&](std::size_t j) { return matched[(i + 1) * columns + j] != 0; };
    bool after_a_later_slash = false;  // for `directories`: some `/` at or after j is followed by a match
    for (std::size_t j = path.size() + 1; j-- > 0;) {
      bool result = false;
      switch (token.kind) {
        case Token::Kind::literal: result = j < path.size() && path[j] == token.literal && next(j + 1); break;
        case Token::Kind::any_one: result = j < path.size() && next(j + 1); break;
        case Token::Kind::set: result = j < path.size() && in_set(token, path[j]) && next(j + 1); break;
        case Token::Kind::any_run:
          // Nothing more, or one character more and the same token again.
          result = next(j) || (j < path.size() && matched[i * columns + j + 1] != 0);
          break;
        case Token::Kind::directories:
          // No directory, or a run that ends at a `/`.
          after_a_later_slash = after_a_later_slash || (j < path.size() && path[j] == '/' && next(j + 1));
          result = next(j) || after_a_later_slash;
          break;
      }
      matched[i * columns + j] = result ? 1 : 0;
    }
  }
  return matched[0] != 0;
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view relative_path) {
  const std::vector<Token> tokens = tokens_of(pattern);
  if (tokens_match(tokens, relative_path)) return true;
  if (pattern.find('/') != std::string_view::npos) return false;
  const std::size_t slash = relative_path.rfind('/');
  return slash != std::string_view::npos && tokens_match(tokens, relative_path.substr(slash + 1));
}

}  // namespace emglint::report
