// The fuzz targets: each takes arbitrary bytes to one parser or loader, or to
// the whole check of a lone config and everything it prints. A target returns
// what is wrong with the result (a password printed, an internal error), or
// nothing; a crash, a sanitizer report or an exception is a finding too.
// fuzz_main.cpp runs one under libFuzzer; fuzz_regression_test.cpp replays
// every committed input (tests/fuzz/regressions/TARGET/) through them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::fuzz {

struct FuzzTarget {
  std::string_view name;  // as in fuzz_NAME and tests/fuzz/regressions/NAME/
  std::string_view what;
  std::optional<std::string> (*run)(std::string_view input);
};

[[nodiscard]] std::span<const FuzzTarget> fuzz_targets();
[[nodiscard]] const FuzzTarget* find_fuzz_target(std::string_view name);

// The passwords of a server.cfg that no output may show: those the secrets
// analysis finds, of 6 characters or more, that appear nowhere else in the
// input. (The check target counts one as shown only when it is not shown
// once the password is another: emglint's own texts, such as the rule pages
// SARIF carries, may hold a word that is also someone's password.)
[[nodiscard]] std::vector<std::string> passwords_to_hide(std::string_view config);

}  // namespace emglint::fuzz
