// Users and groups as the system's user database (NSS) knows them: who owns
// the installation and which groups that user is in, for the rules that ask
// whether EMG may read a file or whether a `@group` line of limits.conf
// applies to it. Reentrant lookups: targets are checked in parallel.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::inspect {

struct UserAccount {
  std::uint32_t uid = 0;
  std::string name;
  std::uint32_t gid = 0;                 // the primary group
  std::vector<std::uint32_t> group_ids;  // every group the user is in, the primary one included
  std::vector<std::string> group_names;  // the names of those that have one

  [[nodiscard]] bool in_group(std::uint32_t id) const;
  [[nodiscard]] bool in_group(std::string_view group_name) const;
};

// nullopt when the user database has no such user.
[[nodiscard]] std::optional<UserAccount> find_account(std::uint32_t uid);

// How messages name a user or a group: its name, else "uid 1000" or "gid 1000".
[[nodiscard]] std::string user_name(std::uint32_t uid);
[[nodiscard]] std::string group_name(std::uint32_t gid);

}  // namespace emglint::inspect
