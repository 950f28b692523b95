// JSON that emglint reads back: baselines, and other hosts' reports for
// `emglint merge`. Such a file may come from anywhere, and nlohmann's dump()
// and every walk over a value recurse once per level of nesting: a file of a
// million `[` would overflow the stack. What emglint writes nests a dozen
// levels deep, so a document deeper than `json_nesting_limit` is refused while
// it is parsed, before anything recurses over it.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace emglint::reporters {

inline constexpr int json_nesting_limit = 100;

struct JsonTooDeep : std::runtime_error {
  JsonTooDeep()
      : std::runtime_error("it nests arrays and objects more than " + std::to_string(json_nesting_limit) +
                           " levels deep") {}
};

// `text` parsed as Json (nlohmann::json or ordered_json); throws what
// Json::parse throws, or JsonTooDeep.
template <class Json>
[[nodiscard]] Json parse_json_of_bounded_depth(std::string_view text) {
  const typename Json::parser_callback_t bounded = [](int depth, nlohmann::json::parse_event_t event, Json&) {
    if (depth >= json_nesting_limit &&
        (event == nlohmann::json::parse_event_t::object_start || event == nlohmann::json::parse_event_t::array_start)) {
      throw JsonTooDeep();
    }
    return true;
  };
  return Json::parse(text, bounded);
}

}  // namespace emglint::reporters
