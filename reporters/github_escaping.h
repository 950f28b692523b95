// The escaping GitHub's runner undoes in a workflow command
// (`::error file=PATH,title=TITLE::MESSAGE`), so a value can hold any text.
#pragma once

#include <string>
#include <string_view>

namespace emglint::reporters {

// The message after `::`: `%` -> %25, CR -> %0D, LF -> %0A.
[[nodiscard]] std::string escape_github_message(std::string_view text);
// A property value (`file=`, `title=`): as a message, and `:` -> %3A, `,` -> %2C.
[[nodiscard]] std::string escape_github_property(std::string_view text);

}  // namespace emglint::reporters
