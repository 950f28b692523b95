// edit_distance and is_password_key: the distance EMG004 suggests keywords by,
// and the keys whose values are masked and which never head a block.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/keywords.h"
#include "parser/words.h"

using emglint::config::edit_distance;
using emglint::config::edit_distance_limit;
using emglint::config::is_password_key;

namespace {

// The unbounded optimal string alignment distance, to hold the bounded one against.
std::size_t reference_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

TEST_CASE("edit_distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("PASSWORD", "PASSWORD") == 0);
  CHECK(edit_distance("BAKEND", "BACKEND") == 1);        // insertion
  CHECK(edit_distance("INSTANCESS", "INSTANCES") == 1);  // deletion
  CHECK(edit_distance("PORT", "FORT") == 1);             // substitution
  CHECK(edit_distance("PASSWROD", "PASSWORD") == 1);     // swap of neighbours
  CHECK(edit_distance("PASWRD", "PASSWORD") == 2);
  CHECK(edit_distance("ABCD", "BADC") == 2);
  CHECK(edit_distance("", "AB") == 2);
  CHECK(edit_distance("AB", "") == 2);
}

TEST_CASE("edit_distance is case-sensitive and beyond its limit only says `further`") {
  CHECK(edit_distance("password", "PASSWORD") > edit_distance_limit);
  CHECK(edit_distance("PORt", "PORT") == 1);
  CHECK(edit_distance("", "ABC") > edit_distance_limit);
  CHECK(edit_distance("KEYWORD", "PASSWORD") > edit_distance_limit);
  // Optimal string alignment, not full Damerau: a letter put between two
  // swapped ones is not two edits.
  CHECK(edit_distance("CA", "ABC") > edit_distance_limit);
  // Lengths far apart are decided without the quadratic table.
  const std::string long_key(std::size_t{1} << 20, 'P');
  CHECK(edit_distance(long_key, "PASSWORD") > edit_distance_limit);
  CHECK(edit_distance("PASSWORD", long_key) > edit_distance_limit);
}

TEST_CASE("edit_distance agrees with the unbounded distance wherever it is within the limit") {
  std::vector<std::string> words = {"",        "A",       "AB",       "BA",      "PASS",     "PASSWD",
                                    "PASWD",   "PSWD",    "PASSWORD", "PASWORD", "PASSWROD", "PASWRD",
                                    "KEYWORD", "ADDRESS", "ADRESS",   "PORT",    "PROT",     "SORT"};
  for (const auto& keyword : emglint::analysis::known_keywords()) words.emplace_back(keyword.name);
  for (const auto& a : words) {
    for (const auto& b : words) {
      INFO(a << " / " << b);
      const std::size_t expected = reference_distance(a, b);
      const std::size_t actual = edit_distance(a, b);
      if (expected <= edit_distance_limit) {
        CHECK(actual == expected);
      } else {
        CHECK(actual > edit_distance_limit);
      }
      CHECK(actual == edit_distance(b, a));
    }
  }
}

TEST_CASE("is_password_key takes PASS, PWD, SECRET and misspelt PASSWORDs, in any case") {
  for (std::string_view key :
       {"PASSWORD", "password", "Password", "PASSWD",        "passwd",   "PASS",     "DBPASS",
        "PWD",      "DB_PWD",   "SECRET",   "client_secret", "PASWORD",  "PASSWROD", "PASWRD",
        "pasword",  "PSWD",     "PASWD",    "PASSWORDS",     "PASWORDS", "BASSWORD", "PXSSWXRD"}) {
    INFO(key);
    CHECK(is_password_key(key));
  }
  // Holds PASS: masked like a password all the same, better than leaked.
  CHECK(is_password_key("PASSAGE"));
}

TEST_CASE("is_password_key agrees with its definition on words near and far") {
  std::vector<std::string> words = {"PASWORD", "PASSWROD", "PXSSWXRD", "XASSWORX", "XXSSWORD", "PXSSWD",   "PAXXWD",
                                    "SWORD",   "PAWSORD",  "APSSWDR",  "BADWORD",  "KEYWORD",  "PASSWDXY", "PASWDXYZ"};
  for (const auto& keyword : emglint::analysis::known_keywords()) words.emplace_back(keyword.name);
  for (const auto& word : words) {
    INFO(word);
    const bool holds_part = word.find("PASS") != std::string::npos || word.find("PWD") != std::string::npos ||
                            word.find("SECRET") != std::string::npos;
    const bool near = reference_distance(word, "PASSWORD") <= 2 || reference_distance(word, "PASSWD") <= 2;
    CHECK(is_password_key(word) == (holds_part || near));
  }
}

TEST_CASE("is_password_key leaves other keys alone") {
  for (std::string_view key : {"", "KEYWORD", "ADDRESS", "PORT", "USERNAME", "HOST", "SWORD", "PAS", "PA", "WORD",
                               "PROTOCOL", "CONNECTOR", "BADWORD"}) {
    INFO(key);
    CHECK_FALSE(is_password_key(key));
  }
}

TEST_CASE("of the documented keywords only PASSWORD is a password's key") {
  for (const auto& keyword : emglint::analysis::known_keywords()) {
    INFO(keyword.name);
    CHECK(is_password_key(keyword.name) == (keyword.name == "PASSWORD"));
  }
}
