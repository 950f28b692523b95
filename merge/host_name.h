// What may name a host: `check --host NAME` records it, and `emglint merge`
// writes it into base IDs (`INSTALLROOT@gw001`), categories (`emglint/auto/gw001/`)
// and a table, so it is one printable word.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace emglint::merge {

// Why `name` cannot name a host (empty, too long, a blank, a control
// character, `/`, not UTF-8), or nullopt when it can.
[[nodiscard]] std::optional<std::string> host_name_problem(std::string_view name);

}  // namespace emglint::merge
