// The streaming JSON writer against nlohmann's ordered_json::dump(2) with the
// replace error handler, which the JSON report used to print: byte for byte.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "reporters/json_writer.h"

using emglint::reporters::JsonWriter;
using emglint::reporters::write_json_string;
using nlohmann::ordered_json;

namespace {

std::string dumped(const ordered_json& document) {
  return document.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

template <typename Write>
std::string written(Write write) {
  std::ostringstream out;
  JsonWriter writer(out);
  write(writer);
  return out.str();
}

std::string escaped(std::string_view text) {
  std::ostringstream out;
  write_json_string(out, text);
  return out.str();
}

// Shown when a comparison fails: the input's bytes, unambiguous.
std::string hex(std::string_view bytes) {
  std::string shown;
  for (const char c : bytes) {
    constexpr char digits[] = "0123456789abcdef";
    const auto byte = static_cast<unsigned char>(c);
    shown += digits[byte >> 4];
    shown += digits[byte & 0xf];
    shown += ' ';
  }
  return shown;
}

// `text` written as a key and as a value, both ways.
void check_string(std::string_view text) {
  INFO("bytes: " << hex(text));
  const std::string as_value = written([&](JsonWriter& writer) {
    writer.begin_object();
    writer.key("k");
    writer.value(text);
    writer.end_object();
  });
  const std::string as_key = written([&](JsonWriter& writer) {
    writer.begin_object();
    writer.key(text);
    writer.null();
    writer.end_object();
  });
  REQUIRE(as_value == dumped(ordered_json{{"k", std::string(text)}}));
  REQUIRE(as_key == dumped(ordered_json{{std::string(text), nullptr}}));
  REQUIRE(escaped(text) == dumped(ordered_json(std::string(text))));
}

}  // namespace

TEST_CASE("the JSON writer lays out a nested document as nlohmann's dump(2) does") {
  const std::string actual = written([](JsonWriter& writer) {
    writer.begin_object();
    writer.key("schema_version");
    writer.value(1);
    writer.key("tool");
    writer.begin_object();
    writer.key("name");
    writer.value("emglint");
    writer.key("version");
    writer.value(std::string("0.1.0"));
    writer.end_object();
    writer.key("targets");
    writer.begin_array();
    writer.begin_object();
    writer.key("path");
    writer.value("a \"quoted\" C:\\path\twith\ttabs\n");
    writer.key("evidence");
    writer.begin_array();
    writer.value("BACKEND=TC at server.cfg:1");
    writer.begin_array();
    writer.end_array();
    writer.begin_object();
    writer.end_object();
    writer.begin_array();
    writer.begin_array();
    writer.value(false);
    writer.end_array();
    writer.end_array();
    writer.end_array();
    writer.key("limit");
    writer.null();
    writer.key("fixable");
    writer.value(true);
    writer.key("nothing");
    writer.begin_object();
    writer.end_object();
    writer.key("none");
    writer.begin_array();
    writer.end_array();
    writer.end_object();
    writer.begin_object();
    writer.key("latin-1 \xe9t\xe9");
    writer.value("caf\xc3\xa9 \xe9t\xe9 \xe2\x82");
    writer.end_object();
    writer.end_array();
    writer.key("numbers");
    writer.begin_array();
    writer.value(std::numeric_limits<std::int64_t>::min());
    writer.value(std::numeric_limits<std::int64_t>::max());
    writer.value(std::numeric_limits<std::uint64_t>::max());
    writer.value(std::size_t{0});
    writer.value(-7);
    writer.value(42u);
    writer.value(static_cast<short>(-3));
    writer.end_array();
    writer.key("");
    writer.value("");
    writer.end_object();
  });

  const ordered_json expected{
      {"schema_version", 1},
      {"tool", {{"name", "emglint"}, {"version", "0.1.0"}}},
      {"targets",
       ordered_json::array({{{"path", "a \"quoted\" C:\\path\twith\ttabs\n"},
                             {"evidence", ordered_json::array({"BACKEND=TC at server.cfg:1", ordered_json::array(),
                                                               ordered_json::object(),
                                                               ordered_json::array({ordered_json::array({false})})})},
                             {"limit", nullptr},
                             {"fixable", true},
                             {"nothing", ordered_json::object()},
                             {"none", ordered_json::array()}},
                            {{"latin-1 \xe9t\xe9", "caf\xc3\xa9 \xe9t\xe9 \xe2\x82"}}})},
      {"numbers",
       ordered_json::array({std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(),
                            std::numeric_limits<std::uint64_t>::max(), std::size_t{0}, -7, 42u, -3})},
      {"", ""},
  };
  CHECK(actual == dumped(expected));
}

TEST_CASE("the JSON writer writes top-level scalars and empty containers as nlohmann does") {
  CHECK(written([](JsonWriter& writer) { writer.null(); }) == dumped(nullptr));
  CHECK(written([](JsonWriter& writer) { writer.value(true); }) == dumped(true));
  CHECK(written([](JsonWriter& writer) { writer.value(-1); }) == dumped(-1));
  CHECK(written([](JsonWriter& writer) { writer.value("x"); }) == dumped("x"));
  CHECK(written([](JsonWriter& writer) {
          writer.begin_object();
          writer.end_object();
        }) == dumped(ordered_json::object()));
  CHECK(written([](JsonWriter& writer) {
          writer.begin_array();
          writer.end_array();
        }) == dumped(ordered_json::array()));
}

TEST_CASE("the JSON writer indents deeply nested arrays as nlohmann does") {
  // Deeper than the writer's single-write indent.
  constexpr int depth = 45;
  const std::string actual = written([](JsonWriter& writer) {
    for (int level = 0; level < depth; ++level) writer.begin_array();
    writer.value(1);
    writer.value(2);
    for (int level = 0; level < depth; ++level) writer.end_array();
  });
  ordered_json expected = ordered_json::array({1, 2});
  for (int level = 1; level < depth; ++level) expected = ordered_json::array({expected});
  CHECK(actual == dumped(expected));
}

TEST_CASE("JSON strings escape quotes, backslashes and control bytes as nlohmann does") {
  // Spelled out once, so that a change in both nlohmann and the writer shows too.
  CHECK(escaped("a\"b\\c/") == "\"a\\\"b\\\\c/\"");
  CHECK(escaped("\b\f\n\r\t") == "\"\\b\\f\\n\\r\\t\"");
  CHECK(escaped(std::string_view("\x00\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001f\x7f\"");
  CHECK(escaped("\x1a\x1b") == "\"\\u001a\\u001b\"");

  for (int byte = 0; byte < 0x80; ++byte) {
    check_string(std::string(1, static_cast<char>(byte)));
    check_string("a" + std::string(1, static_cast<char>(byte)) + "bc");
  }
  std::string all_ascii;
  for (int byte = 0; byte < 0x80; ++byte) all_ascii += static_cast<char>(byte);
  check_string(all_ascii);
}

TEST_CASE("JSON strings keep valid UTF-8 and replace invalid sequences as nlohmann does") {
  const std::string replacement = "\xef\xbf\xbd";
  // The outcome for a few, spelled out: one U+FFFD per invalid byte or cut-off sequence.
  CHECK(escaped("\xe9t\xe9") == "\"" + replacement + "t" + replacement + "\"");
  CHECK(escaped("ab\xe2\x82") == "\"ab" + replacement + "\"");
  CHECK(escaped(std::string("\xe2\x82") + "a") == "\"" + replacement + "a\"");
  CHECK(escaped("\xed\xa0\x80") == "\"" + replacement + replacement + replacement + "\"");
  CHECK(escaped("\xf0\x9f\x98\x80\xc3\xa9") == "\"\xf0\x9f\x98\x80\xc3\xa9\"");

  const std::vector<std::string> cases = {
      "plain ascii",
      "caf\xc3\xa9",                   // U+00E9
      "\xe2\x82\xac 10",               // U+20AC
      "\xf0\x9f\x98\x80",              // U+1F600
      "\xef\xbf\xbf\xf4\x8f\xbf\xbf",  // U+FFFF, U+10FFFF
      "\xe9t\xe9",                     // Latin-1
      "\xe9",                          // a lead byte cut off by the end
      "abc\xc3",                       // truncated two-byte sequence at the end
      "abc\xe2\x82",                   // truncated three-byte sequence at the end
      "abc\xf0\x9f\x98",               // truncated four-byte sequence at the end
      "\xe2\x82x\xe2",                 // truncated in the middle, then at the end
      "\xc3\xc3\xa9",                  // a lead byte where a continuation belongs, read again
      "\xe2\x82\xe2\x82\xac",          // the same with a longer sequence
      "\xc0\x80",                      // overlong NUL
      "\xc1\xbf",                      // overlong two-byte form
      "\xe0\x80\xaf",                  // overlong three-byte '/'
      "\xe0\x9f\xbf",                  // overlong, highest
      "\xf0\x80\x80\xaf",              // overlong four-byte '/'
      "\xf0\x8f\xbf\xbf",              // overlong four-byte, highest
      "\xed\xa0\x80",                  // surrogate U+D800 encoded in UTF-8
      "\xed\xbf\xbf",                  // surrogate U+DFFF
      "\xed\xa0\xbd\xed\xb8\x80",      // a surrogate pair in CESU-8
      "\xed\x9f\xbf",                  // U+D7FF, just below the surrogates
      "\xf4\x90\x80\x80",              // above U+10FFFF
      "\xf5\x80\x80\x80",              // F5-FF never start a sequence
      "\xf8\x88\x80\x80\x80",          // old five-byte form
      "\xfc\x84\x80\x80\x80\x80",      // old six-byte form
      "\xfe\xff\xfe\xff",              // byte-order marks of UTF-16
      "\x80\xbf\x80",                  // lone continuation bytes
      "\xc3\xa9\x80",                  // a continuation byte too many
      "\xf0\x9f\x98\x80\x80",          // after a four-byte sequence too
      "\xc3\n\xe2\x82\"\xf0\x9f\\",    // truncated sequences broken by escaped bytes
      std::string("\xe2\x00\x82", 3),  // a NUL inside a sequence
      "\xef\xbb\xbf BOM first",        // U+FEFF copied
  };
  for (const std::string& text : cases) {
    check_string(text);
    check_string("x" + text + "y");
  }
}

TEST_CASE("JSON strings match nlohmann for every string of one or two bytes") {
  for (int first = 0; first < 256; ++first) {
    const std::string one(1, static_cast<char>(first));
    REQUIRE(escaped(one) == dumped(ordered_json(one)));
    for (int second = 0; second < 256; ++second) {
      const std::string two = one + static_cast<char>(second);
      INFO("bytes: " << hex(two));
      REQUIRE(escaped(two) == dumped(ordered_json(two)));
    }
  }
}

TEST_CASE("JSON strings match nlohmann for thousands of random byte strings") {
  std::mt19937 random(20240611);  // fixed: a failure reproduces
  const auto below = [&](unsigned bound) { return std::uniform_int_distribution<unsigned>(0, bound - 1)(random); };
  // Code points of each encoded length (surrogates among them), whole or cut
  // short, so that multi-byte sequences meet each other and the bytes that break them.
  const auto utf8_piece = [&] {
    const std::uint32_t bounds[][2] = {{0x80, 0x800}, {0x800, 0x10000}, {0x10000, 0x110000}};
    const auto& range = bounds[below(3)];
    const std::uint32_t code_point = range[0] + below(range[1] - range[0]);
    std::string piece;
    if (code_point < 0x800) {
      piece = {static_cast<char>(0xc0 | (code_point >> 6)), static_cast<char>(0x80 | (code_point & 0x3f))};
    } else if (code_point < 0x10000) {
      piece = {static_cast<char>(0xe0 | (code_point >> 12)), static_cast<char>(0x80 | ((code_point >> 6) & 0x3f)),
               static_cast<char>(0x80 | (code_point & 0x3f))};
    } else {
      piece = {static_cast<char>(0xf0 | (code_point >> 18)), static_cast<char>(0x80 | ((code_point >> 12) & 0x3f)),
               static_cast<char>(0x80 | ((code_point >> 6) & 0x3f)), static_cast<char>(0x80 | (code_point & 0x3f))};
    }
    if (below(4) == 0) piece.resize(1 + below(static_cast<unsigned>(piece.size() - 1)));
    return piece;
  };
  const auto random_string = [&] {
    std::string text;
    const unsigned length = below(8) == 0 ? below(2000) : below(48);
    while (text.size() < length) {
      const unsigned kind = below(10);
      if (kind < 4) {
        text += static_cast<char>(0x80 + below(0x80));  // mostly invalid on their own
      } else if (kind < 6) {
        const unsigned control = below(0x21);
        text += static_cast<char>(control == 0x20 ? 0x7f : control);
      } else if (kind < 8) {
        text += utf8_piece();
      } else {
        text += static_cast<char>(0x20 + below(0x60));  // printable ASCII, quote and backslash among them
      }
    }
    return text;
  };

  for (int round = 0; round < 5000; ++round) check_string(random_string());
}
