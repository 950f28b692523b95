// What an installation's owner could read, for a caller who is someone else
// (root checking a user's installation): a file of the installation the owner
// could not read is not read, nor printed, hashed or run, whatever a link in
// the installation makes it lead to. Judged by mode bits alone, as the kernel
// would for the owner's uid and groups (ACLs and capabilities aside).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "inspect/accounts.h"
#include "inspect/file_reader.h"

namespace emglint::inspect {

// Whether `account` could read the file at `path` (links followed): search
// permission on each directory of its canonical path, read permission on the
// file. nullopt when the path does not resolve (missing, dangling, a loop).
[[nodiscard]] std::optional<bool> owner_could_read(const std::string& path, const UserAccount& account);

// The same for the file open as `fd`, opened through `path`: the file judged is
// the file read, whatever `path` names by now. Its directories are those of its
// canonical path as /proc shows it (else as `path` resolves, if it still names
// that file); false when they cannot be told.
[[nodiscard]] bool owner_could_read(int fd, const std::string& path, const UserAccount& account);

// Whether `account` could list the directory at `path` (links followed): read
// and search permission on it, search permission on each directory above it.
// nullopt when the path does not resolve to a directory.
[[nodiscard]] std::optional<bool> owner_could_list(const std::string& path, const UserAccount& account);

// Whose permissions bound what is read of the installation at `root`: its
// owner's, when the caller is another user and the user database knows the
// owner; nullopt when the caller's own do (it is the owner, or the owner is no
// user of this host, where nothing tells what that user could read).
[[nodiscard]] std::optional<UserAccount> owner_to_read_for(const std::string& root);

// A file not read because the installation's owner could not have read it.
struct Withheld {};

// read_text_file, for `account`: Withheld, and nothing read, when `account`
// could not read the file the path leads to; nullptr reads as the caller.
[[nodiscard]] std::variant<std::string, ReadError, Withheld> read_text_file_for(
    const std::string& path, const UserAccount* account, std::size_t max_bytes = max_text_file_bytes);

}  // namespace emglint::inspect
