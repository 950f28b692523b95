// Keyword distance and password keys; see words.h.
#include "parser/words.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace emglint::config {

namespace {

std::string upper_case(std::string_view text) {
  std::string result(text);
  for (char& c : result) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return result;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Every edit changes the length by at most one, so the gap is a lower bound.
  const std::size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > edit_distance_limit) return length_gap;
  // Three rows of the table suffice: a swap looks two rows back.
  const std::size_t width = b.size() + 1;
  std::vector<std::size_t> rows(3 * width);
  std::size_t* before = rows.data();
  std::size_t* previous = before + width;
  std::size_t* current = previous + width;
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

bool is_password_key(std::string_view word) {
  const std::string upper = upper_case(word);
  constexpr std::array<std::string_view, 3> parts = {"PASS", "PWD", "SECRET"};
  const auto holds = [&upper](std::string_view part) { return upper.find(part) != std::string::npos; };
  if (std::any_of(parts.begin(), parts.end(), holds)) return true;
  // A typo can break every part above: PASWORD, PASWRD. Each letter that
  // PASSWORD lacks (PASSWD has no other) costs an edit: counting them spares
  // the tables for most keywords, and the parser asks about every keyword.
  const auto foreign = [](char c) { return std::string_view("PASWORD").find(c) == std::string_view::npos; };
  const auto foreign_letters = std::count_if(upper.begin(), upper.end(), foreign);
  if (static_cast<std::size_t>(foreign_letters) > edit_distance_limit) return false;
  return edit_distance(upper, "PASSWORD") <= edit_distance_limit ||
         edit_distance(upper, "PASSWD") <= edit_distance_limit;
}

std::string_view cut_at_character(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back over the bytes that continue a sequence (10xxxxxx), at most three,
  // then over its lead byte if the sequence did not fit whole.
  std::size_t continuation = 0;
  while (continuation < 3 && end > continuation &&
         (static_cast<unsigned char>(text[end - continuation - 1]) & 0xc0) == 0x80) {
    ++continuation;
  }
  if (end > continuation) {
    const auto lead = static_cast<unsigned char>(text[end - continuation - 1]);
    const std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (length > 1 && length > continuation + 1) end -= continuation + 1;
  }
  return text.substr(0, end);
}

}  // namespace emglint::config
