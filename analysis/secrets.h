// Passwords in server.cfg (`PASSWORD=` values, the password inside a DB
// `ADDRESS`) never reach any output: this finds them so they can be masked.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parser/config_model.h"

namespace emglint::analysis {

inline constexpr std::string_view secret_mask = "***";

struct Secret {
  std::size_t line;
  std::size_t begin;  // byte offsets into the model's source
  std::size_t end;
};

// The secrets among the options of `config` (ConfigIndex keeps them by line).
[[nodiscard]] std::vector<Secret> find_secrets(const config::ConfigModel& config);

// Bytes [begin, end) of a text.
struct TextRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A text with its secrets masked, and which bytes of the original each mask
// stands for, so that a column of the original can be found in it: a masked
// password makes a line shorter (or longer) than the file's.
struct MaskedText {
  std::string text;
  std::vector<TextRange> masked;  // of the original, sorted, disjoint

  // Where the original's 0-based byte `offset` shows; a masked byte shows as
  // its mask's first byte, an offset past the end past the masked text's end.
  [[nodiscard]] std::size_t shown_begin(std::size_t offset) const;
  // Where a range of the original that ends before `end` ends when shown: a
  // range that ends inside a mask ends with it.
  [[nodiscard]] std::size_t shown_end(std::size_t end) const;
};

// `original` with each of `ranges` (in any order, overlapping or not) replaced
// by the mask; ranges that overlap share one mask.
[[nodiscard]] MaskedText masked_ranges(std::string_view original, std::vector<TextRange> ranges);

// What of a line that did not parse may be a password: from the first word
// that names a password on, and the `user:password@` part of anything that
// looks like a DB address: where the value is cannot be told, so all of it may be secret.
[[nodiscard]] std::vector<TextRange> invalid_line_secrets(std::string_view text);

// A PASSWORD option (or a look-alike config::is_password_key takes: PASWORD, DBPASS, ...), or a DB ADDRESS (which
// holds one).
[[nodiscard]] bool is_secret(const config::ConfigModel& config, const config::Option& option);

// An option's value with its own password masked: `***` for a password, a DB
// ADDRESS with its password part masked, else the value. ConfigIndex::shown_value
// masks the file's other secrets too, and shortens it.
[[nodiscard]] std::string value_with_password_masked(const config::ConfigModel& config, const config::Option& option);
inline constexpr std::size_t max_quoted_value = 120;
// `text` cut to max_quoted_value bytes, with `...` when it was longer. Only
// masked text may be cut: a password cut in two is no longer found to mask.
[[nodiscard]] std::string shortened(std::string_view text);

// `text` with every occurrence of `value` replaced by the mask. In prose,
// values shorter than `min_length` are left alone: masking every "ab" in a
// sentence would garble it, and rules never quote a password anyway.
[[nodiscard]] std::string masked_occurrences(std::string text, std::string_view value, std::size_t min_length);
// For prose (messages); replacement text that may rebuild a secret is masked with min_length 1.
inline constexpr std::size_t min_masked_in_prose = 3;

}  // namespace emglint::analysis
