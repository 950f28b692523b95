// Questions about single words of server.cfg that both the parser and the rules
// ask: how far apart two keywords are, whether a key names a password, where
// a quote of one may be cut.
#pragma once

#include <cstddef>
#include <string_view>

namespace emglint::config {

// No caller asks about words further apart: two edits already turn most
// four-letter keywords into another.
inline constexpr std::size_t edit_distance_limit = 2;

// The optimal string alignment distance, case-sensitive: an insertion, a
// deletion, a substitution or a swap of two neighbours each count as one edit.
// Exact up to edit_distance_limit; beyond it the result is only known to be
// larger, which lets words whose lengths differ by more than the limit (a
// megabyte-long key against a keyword) skip the quadratic table.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// Whether a key names a password, ignoring case: it holds PASS, PWD or SECRET
// (PASSWORD, DBPASS, PASSAGE too: better masked than leaked), or it is a
// misspelt PASSWORD or PASSWD (PASWORD, PASSWROD). Its value is a secret, and
// it never heads a block, where the password would become a quoted block name.
[[nodiscard]] bool is_password_key(std::string_view word);

// At most `max_bytes` of `text`, ending where a character ends: a cut never
// leaves half a UTF-8 sequence (the file's bytes are kept, valid or not).
[[nodiscard]] std::string_view cut_at_character(std::string_view text, std::size_t max_bytes);

}  // namespace emglint::config
