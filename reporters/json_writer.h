// A streaming JSON writer: the JSON report written as it goes, byte for byte
// what nlohmann::ordered_json::dump(2, ' ', false, error_handler_t::replace)
// prints for the same document, without building the document first.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string_view>
#include <type_traits>
#include <vector>

namespace emglint::reporters {

// Writes pretty-printed JSON to `out` as it goes, laid out as ordered_json::dump(2)
// lays it out: 2-space indent, `"key": value`, `[]` and `{}` for empty containers,
// a comma at the end of each non-last line, no newline after the document.
// Inside an object every value (scalar or container) follows a key().
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(std::int64_t number);
  void value(std::uint64_t number);
  // int, std::size_t, long long... would be ambiguous between the two above.
  // char and bool are left out so that 'x' or a bool cannot print as a number.
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) void value(T number) {
    if constexpr (std::is_signed_v<T>) {
      value(static_cast<std::int64_t>(number));
    } else {
      value(static_cast<std::uint64_t>(number));
    }
  }
  void value(bool b);
  void null();

 private:
  struct Container {
    bool object;
    std::size_t members = 0;
  };
  void begin_value();
  void begin_container(char open, bool object);
  void end_container(char close, bool object);
  void next_member();
  void new_line(std::size_t depth);

  std::ostream& out_;
  std::vector<Container> open_;
  bool after_key_ = false;
};

// `text` as a JSON string with its quotes, escaped as nlohmann escapes it with
// ensure_ascii=false and error_handler_t::replace: \" \\ \b \f \n \r \t, the
// other bytes below 0x20 as \u00xx, valid UTF-8 (and 0x7f) copied, and each
// invalid or truncated UTF-8 sequence replaced by one U+FFFD.
void write_json_string(std::ostream& out, std::string_view text);

// How many characters write_json_string makes of `text`: a valid UTF-8
// sequence, an ASCII byte and each invalid sequence (one U+FFFD) count one.
[[nodiscard]] std::size_t utf8_code_points(std::string_view text);

// The bytes of the character that starts at `text[at]`, as utf8_code_points
// counts characters: 1 for ASCII and for a byte that starts no valid sequence.
[[nodiscard]] std::size_t utf8_character_size(std::string_view text, std::size_t at);

}  // namespace emglint::reporters
