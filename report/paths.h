// How emglint spells paths and URIs, in one place: a path relative to where
// a user or a file anchors it, a path cleaned of `./` and `//`, and a path as
// a URI reference or a `file://` URI. All of it lexical (std::filesystem's
// lexically_normal and lexically_relative): nothing here touches the disk but
// normal_absolute, which asks for the working directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace emglint::report {

// `path` '/'-separated, without `.`, empty segments or a trailing `/`, and
// with `name/..` folded; `.` for an empty or `.` path.
[[nodiscard]] std::string normal_path(std::string_view path);

// `path` absolute (from the working directory when relative), normal as above.
[[nodiscard]] std::filesystem::path normal_absolute(const std::filesystem::path& path);

// `path` relative to `base`, normal, when it lies at or below it (`.` for
// `base` itself); nullopt when it lies elsewhere, or one is absolute and the
// other not.
[[nodiscard]] std::optional<std::string> relative_inside(const std::filesystem::path& path,
                                                         const std::filesystem::path& base);

// A relative path that stays below where it starts, normal; nullopt for an
// absolute one, an empty one, `.`, or one that climbs out with `..`.
[[nodiscard]] std::optional<std::string> relative_below(std::string_view path);

// A '/'-separated path as a URI reference: RFC 3986 unreserved characters and
// `/` stay, every other byte (UTF-8 included) is percent-encoded.
[[nodiscard]] std::string percent_encoded(std::string_view path);

// An absolute path as a `file://` URI; a directory's ends in `/`.
[[nodiscard]] std::string file_uri(std::string_view absolute_path, bool directory = false);

}  // namespace emglint::report
