#include "reporters/json_writer.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <ios>

namespace emglint::reporters {

namespace {

void write_bytes(std::ostream& out, const char* data, std::size_t size) {
  out.write(data, static_cast<std::streamsize>(size));
}

enum class ByteClass : std::uint8_t { plain, escaped, non_ascii };

// One table lookup per byte keeps the loop over long runs of plain text short.
constexpr std::array<ByteClass, 256> byte_classes = [] {
  std::array<ByteClass, 256> classes{};
  for (std::size_t byte = 0; byte < classes.size(); ++byte) {
    if (byte < 0x20 || byte == '"' || byte == '\\') {
      classes[byte] = ByteClass::escaped;
    } else if (byte >= 0x80) {
      classes[byte] = ByteClass::non_ascii;
    } else {
      classes[byte] = ByteClass::plain;
    }
  }
  return classes;
}();

void write_escape(std::ostream& out, unsigned char byte) {
  char escape[6] = {'\\', 'u', '0', '0', '0', '0'};
  std::size_t size = 2;
  switch (byte) {
    case '"': escape[1] = '"'; break;
    case '\\': escape[1] = '\\'; break;
    case '\b': escape[1] = 'b'; break;
    case '\f': escape[1] = 'f'; break;
    case '\n': escape[1] = 'n'; break;
    case '\r': escape[1] = 'r'; break;
    case '\t': escape[1] = 't'; break;
    default: {
      // Lowercase hex, as nlohmann's "\\u%04x".
      constexpr char hex[] = "0123456789abcdef";
      escape[4] = hex[byte >> 4];
      escape[5] = hex[byte & 0xf];
      size = 6;
    }
  }
  write_bytes(out, escape, size);
}

// The bytes allowed after `lead` in a well-formed UTF-8 sequence (Unicode
// table 3-7, which is also what nlohmann's decoder accepts): the sequence's
// length and the range of its second byte, which rules out overlong forms,
// surrogates and code points above U+10FFFF. Length 0: `lead` starts none.
struct Utf8Lead {
  std::size_t length;
  unsigned char second_min;
  unsigned char second_max;
};

constexpr Utf8Lead utf8_lead(unsigned char lead) {
  if (lead >= 0xc2 && lead <= 0xdf) return {2, 0x80, 0xbf};
  if (lead == 0xe0) return {3, 0xa0, 0xbf};
  if (lead == 0xed) return {3, 0x80, 0x9f};
  if (lead >= 0xe1 && lead <= 0xef) return {3, 0x80, 0xbf};
  if (lead == 0xf0) return {4, 0x90, 0xbf};
  if (lead >= 0xf1 && lead <= 0xf3) return {4, 0x80, 0xbf};
  if (lead == 0xf4) return {4, 0x80, 0x8f};
  return {0, 0, 0};
}

struct Utf8Sequence {
  std::size_t size;
  bool valid;
};

// The sequence starting at `text[at]` (a byte >= 0x80). An invalid one is the
// longest prefix that could still have become valid, at least its first byte:
// nlohmann replaces that prefix with one U+FFFD and then reads the byte that
// broke it afresh, and a sequence cut off by the end of `text` is such a prefix.
Utf8Sequence utf8_sequence(std::string_view text, std::size_t at) {
  const Utf8Lead lead = utf8_lead(static_cast<unsigned char>(text[at]));
  if (lead.length == 0) return {1, false};
  std::size_t size = 1;
  while (size < lead.length && at + size < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at + size]);
    const bool continues =
        size == 1 ? byte >= lead.second_min && byte <= lead.second_max : byte >= 0x80 && byte <= 0xbf;
    if (!continues) break;
    ++size;
  }
  return {size, size == lead.length};
}

constexpr std::string_view replacement_character = "\xef\xbf\xbd";

}  // namespace

void write_json_string(std::ostream& out, std::string_view text) {
  out.put('"');
  // Bytes that are copied as they are accumulate in [copy_from, at) and go out
  // in one write when something needs rewriting, or at the end.
  std::size_t copy_from = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    switch (byte_classes[byte]) {
      case ByteClass::plain: ++at; continue;
      case ByteClass::non_ascii: {
        const Utf8Sequence sequence = utf8_sequence(text, at);
        if (sequence.valid) {
          at += sequence.size;
          continue;
        }
        write_bytes(out, text.data() + copy_from, at - copy_from);
        write_bytes(out, replacement_character.data(), replacement_character.size());
        at += sequence.size;
        break;
      }
      case ByteClass::escaped:
        write_bytes(out, text.data() + copy_from, at - copy_from);
        write_escape(out, byte);
        ++at;
        break;
    }
    copy_from = at;
  }
  write_bytes(out, text.data() + copy_from, at - copy_from);
  out.put('"');
}

std::size_t utf8_character_size(std::string_view text, std::size_t at) {
  return static_cast<unsigned char>(text[at]) < 0x80 ? 1 : utf8_sequence(text, at).size;
}

std::size_t utf8_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size(); ++count) at += utf8_character_size(text, at);
  return count;
}

void JsonWriter::begin_object() { begin_container('{', true); }
void JsonWriter::end_object() { end_container('}', true); }
void JsonWriter::begin_array() { begin_container('[', false); }
void JsonWriter::end_array() { end_container(']', false); }

void JsonWriter::key(std::string_view name) {
  assert(!open_.empty() && open_.back().object && !after_key_);
  next_member();
  write_json_string(out_, name);
  write_bytes(out_, ": ", 2);
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  begin_value();
  write_json_string(out_, text);
}

void JsonWriter::value(std::int64_t number) {
  begin_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  write_bytes(out_, digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::value(std::uint64_t number) {
  begin_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  write_bytes(out_, digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::value(bool b) {
  begin_value();
  if (b) {
    write_bytes(out_, "true", 4);
  } else {
    write_bytes(out_, "false", 5);
  }
}

void JsonWriter::null() {
  begin_value();
  write_bytes(out_, "null", 4);
}

void JsonWriter::begin_value() {
  if (after_key_) {
    after_key_ = false;  // key() wrote the line's start already
    return;
  }
  assert(open_.empty() || !open_.back().object);
  if (!open_.empty()) next_member();
}

void JsonWriter::begin_container(char open, bool object) {
  begin_value();
  out_.put(open);
  open_.push_back({.object = object});
}

void JsonWriter::end_container(char close, bool object) {
  assert(!open_.empty() && open_.back().object == object && !after_key_);
  static_cast<void>(object);
  const bool empty = open_.back().members == 0;
  open_.pop_back();
  // An empty container stays on its opening line: `[]`, `{}`.
  if (!empty) new_line(open_.size());
  out_.put(close);
}

// Ends the previous member's line, if any, and indents the next one.
void JsonWriter::next_member() {
  Container& container = open_.back();
  if (container.members++ > 0) out_.put(',');
  new_line(open_.size());
}

void JsonWriter::new_line(std::size_t depth) {
  // A newline and up to 32 levels of indent in one write.
  static constexpr std::string_view line_start = "\n                                                                ";
  std::size_t indent = 2 * depth;
  std::size_t chunk = std::min(indent, line_start.size() - 1);
  write_bytes(out_, line_start.data(), 1 + chunk);
  for (indent -= chunk; indent > 0; indent -= chunk) {
    chunk = std::min(indent, line_start.size() - 1);
    write_bytes(out_, line_start.data() + 1, chunk);
  }
}

}  // namespace emglint::reporters
