// Replaces a file's content atomically: a temporary file in the same
// directory, fsync, rename. Readers see the old bytes or the new, never half.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace emglint::fix {

// Returns an error message, or nullopt on success. An existing file keeps its
// mode (and owner, where permitted); a new one gets 0644 less the umask.
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content);
// The same, with the content written by `render` as it goes (a report of hundreds of MB).
[[nodiscard]] std::optional<std::string> write_file_atomically(const std::string& path,
                                                               const std::function<void(std::ostream&)>& render);

}  // namespace emglint::fix
