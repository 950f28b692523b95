// Passwords in server.cfg (`PASSWORD=` values, the password inside a DB
// `ADDRESS`) never reach any output: this finds them so they can be masked.
#pragma once

#include <string>
#include <vector>

#include "parser/config_model.h"

namespace emglint::rules {

inline constexpr std::string_view secret_mask = "***";

struct Secret {
  std::size_t line;
  std::size_t begin;  // byte offsets into the model's source
  std::size_t end;
};

[[nodiscard]] std::vector<Secret> find_secrets(const config::ConfigModel& config);

// The text of `line` with every secret on it replaced by the mask.
[[nodiscard]] std::string masked_line(const config::ConfigModel& config, const std::vector<Secret>& secrets,
                                      std::size_t line);

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

// `text` with every occurrence of a secret's value replaced by the mask. In
// prose, values shorter than `min_length` are left alone: masking every "ab"
// in a sentence would garble it, and rules never quote a password anyway.
[[nodiscard]] std::string scrub_secrets(std::string text, const config::ConfigModel& config,
                                        const std::vector<Secret>& secrets, std::size_t min_length);

// For prose (messages); replacement text that may rebuild a secret is scrubbed with min_length 1.
inline constexpr std::size_t min_scrubbed_in_prose = 3;

}  // namespace emglint::rules
