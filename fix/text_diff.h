// A unified diff of two texts, as `diff -u` writes it and `patch` reads it.
#pragma once

#include <string>
#include <string_view>

namespace emglint::fix {

// The hunks (3 lines of context) turning `before` into `after`, under the
// header `--- OLD_LABEL` / `+++ NEW_LABEL`; empty when the texts are equal.
// Lines keep their own terminators, CRLF included, and a last line without
// one is followed by `\ No newline at end of file`, so `patch` restores
// exactly the bytes of `after`.
[[nodiscard]] std::string unified_diff(std::string_view before, std::string_view after, std::string_view old_label,
                                       std::string_view new_label);

}  // namespace emglint::fix
