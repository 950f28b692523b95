// The one glob dialect of emglint, for `--include` and `[per-file-ignores]`
// alike, with the meaning ruff's per-file-ignores give globs (globset's
// defaults): `*` matches any run of characters, `/` included; `**` too, and
// `**/` also matches no directory at all (`**/server.cfg` matches
// `server.cfg`); `?` matches one character; `[abc]`, `[a-z]` and `[!abc]`
// (or `[^abc]`) one of a set or not of it; `\` takes the next character
// literally. A pattern matches a '/'-separated path relative to where it is
// anchored, all of it; a pattern without `/` also matches the file's name
// alone, wherever the file is.
#pragma once

#include <string_view>

namespace emglint::report {

[[nodiscard]] bool glob_matches(std::string_view pattern, std::string_view relative_path);

}  // namespace emglint::report
