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

// The secrets among `options` (ConfigIndex keeps them by line).
[[nodiscard]] std::vector<Secret> find_secrets(const config::ConfigModel& config,
                                               std::span<const config::Option* const> options);

// The text of a line that did not parse, masked from the first word that
// names a password on, and in the `user:password@` part of anything that looks
// like a DB address: where the value is cannot be told, so all of it may be secret.
[[nodiscard]] std::string masked_invalid_line(std::string_view text);

// A PASSWORD option (or a look-alike config::is_password_key takes: PASWORD, DBPASS, ...), or a DB ADDRESS (which
// holds one).
[[nodiscard]] bool is_secret(const config::ConfigModel& config, const config::Option& option);

// An option's value as a message may quote it: `***` for a password, a DB
// ADDRESS with its password part masked, and at most max_quoted_value bytes,
// so that a 50 MB value does not become a 50 MB message.
[[nodiscard]] std::string shown_value(const config::ConfigModel& config, const config::Option& option);
// `KEY=value` as shown_value shows it, or `KEY` for a bare flag.
[[nodiscard]] std::string shown_option(const config::ConfigModel& config, const config::Option& option);
inline constexpr std::size_t max_quoted_value = 120;
// `text` cut to max_quoted_value bytes, with `...` when it was longer.
[[nodiscard]] std::string shortened(std::string_view text);

// `text` with every occurrence of `value` replaced by the mask. In prose,
// values shorter than `min_length` are left alone: masking every "ab" in a
// sentence would garble it, and rules never quote a password anyway.
[[nodiscard]] std::string masked_occurrences(std::string text, std::string_view value, std::size_t min_length);
// For prose (messages); replacement text that may rebuild a secret is masked with min_length 1.
inline constexpr std::size_t min_masked_in_prose = 3;

}  // namespace emglint::analysis
