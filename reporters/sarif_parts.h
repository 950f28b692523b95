// What every SARIF log emglint writes is made of, for each writer alike: the
// check's report and `emglint merge`'s.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace emglint::reporters {

// The partialFingerprints key of a result: rule, location and object, never a line.
inline constexpr std::string_view sarif_fingerprint_name = "emglint/v1";

// SARIF wants every message to be one or more sentences, each ending in a period.
[[nodiscard]] std::string sarif_sentence(std::string_view text);

// A hash of `parts`, each closed by a byte no UTF-8 text holds: stable and
// distinct, not secret.
[[nodiscard]] std::string sarif_fingerprint(std::initializer_list<std::string_view> parts);

}  // namespace emglint::reporters
