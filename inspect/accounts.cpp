#include "inspect/accounts.h"

#include <fmt/format.h>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace emglint::inspect {

namespace {

// getpwuid_r and getgrgid_r want a buffer; a group with many members needs a large one.
constexpr std::size_t first_buffer_size = 16 * 1024;
constexpr std::size_t max_buffer_size = 16 * 1024 * 1024;
// Groups of one user looked up at most: far above any real membership.
constexpr int max_groups = 4096;

struct NamedUser {
  std::string name;
  gid_t gid = 0;
};

std::optional<NamedUser> passwd_entry(std::uint32_t uid) {
  for (std::size_t size = first_buffer_size; size <= max_buffer_size; size *= 4) {
    std::vector<char> buffer(size);
    struct passwd entry {};
    struct passwd* found = nullptr;
    const int error = ::getpwuid_r(static_cast<uid_t>(uid), &entry, buffer.data(), buffer.size(), &found);
    if (error == ERANGE) continue;
    if (error != 0 || found == nullptr) return std::nullopt;
    return NamedUser{entry.pw_name, entry.pw_gid};
  }
  return std::nullopt;
}

std::optional<std::string> group_entry_name(std::uint32_t gid) {
  for (std::size_t size = first_buffer_size; size <= max_buffer_size; size *= 4) {
    std::vector<char> buffer(size);
    struct group entry {};
    struct group* found = nullptr;
    const int error = ::getgrgid_r(static_cast<gid_t>(gid), &entry, buffer.data(), buffer.size(), &found);
    if (error == ERANGE) continue;
    if (error != 0 || found == nullptr) return std::nullopt;
    return std::string(entry.gr_name);
  }
  return std::nullopt;
}

}  // namespace

bool UserAccount::in_group(std::uint32_t id) const {
  return std::find(group_ids.begin(), group_ids.end(), id) != group_ids.end();
}

bool UserAccount::in_group(std::string_view group_name) const {
  return std::find(group_names.begin(), group_names.end(), group_name) != group_names.end();
}

std::optional<UserAccount> find_account(std::uint32_t uid) {
  const auto user = passwd_entry(uid);
  if (!user) return std::nullopt;
  UserAccount account{.uid = uid, .name = user->name, .gid = user->gid, .group_ids = {}, .group_names = {}};
  // The primary group and every group whose member list names the user.
  std::vector<gid_t> groups(64);
  int count = static_cast<int>(groups.size());
  if (::getgrouplist(user->name.c_str(), user->gid, groups.data(), &count) < 0 && count <= max_groups) {
    groups.resize(static_cast<std::size_t>(count));
    (void)::getgrouplist(user->name.c_str(), user->gid, groups.data(), &count);
  }
  groups.resize(static_cast<std::size_t>(std::clamp(count, 0, static_cast<int>(groups.size()))));
  if (std::find(groups.begin(), groups.end(), user->gid) == groups.end()) groups.push_back(user->gid);
  for (gid_t gid : groups) {
    account.group_ids.push_back(gid);
    if (auto name = group_entry_name(gid)) account.group_names.push_back(std::move(*name));
  }
  return account;
}

std::string user_name(std::uint32_t uid) {
  const auto user = passwd_entry(uid);
  return user ? user->name : fmt::format("uid {}", uid);
}

std::string group_name(std::uint32_t gid) { return group_entry_name(gid).value_or(fmt::format("gid {}", gid)); }

}  // namespace emglint::inspect
