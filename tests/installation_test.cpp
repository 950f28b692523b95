// What inspect_installation gathers about owners: the walk of log/ and spool/
// with its bounds, and whether the EMG user may read server.cfg.
#include <catch2/catch.hpp>

#include <algorithm>

#include "inspect/installation.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

std::vector<std::string> paths_of(const inspect::Installation& installation) {
  std::vector<std::string> paths;
  for (const auto& entry : installation.entries) paths.push_back(entry.path);
  return paths;
}

bool has(const std::vector<std::string>& paths, const std::string& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

TEST_CASE("log/ and spool/ are walked to every level and never through a link") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  write_file(root / "server.cfg", "BACKEND=TC\n");
  write_file(root / "bin" / "emgd", "");
  write_file(root / "log" / "archive" / "2026" / "general.1", "");
  write_file(root / "spool" / "queue" / "a" / "b" / "msg", "");
  write_file(work.path() / "elsewhere" / "secret", "");
  fs::create_directory_symlink(work.path() / "elsewhere", root / "spool" / "linked");
  fs::create_symlink("emgd", root / "bin" / "emgsend");

  const auto installation = inspect::inspect_installation(root.string());
  const auto paths = paths_of(installation);
  CHECK(has(paths, "server.cfg"));
  CHECK(has(paths, "bin/emgd"));
  CHECK(has(paths, "log/archive/2026/general.1"));
  CHECK(has(paths, "spool/queue/a/b/msg"));
  CHECK(has(paths, "spool/linked"));
  CHECK_FALSE(has(paths, "spool/linked/secret"));
  CHECK(installation.walk_bounds.empty());
  const auto link = std::find_if(installation.entries.begin(), installation.entries.end(),
                                 [](const inspect::OwnedEntry& entry) { return entry.path == "bin/emgsend"; });
  REQUIRE(link != installation.entries.end());
  CHECK(link->symlink);
}

TEST_CASE("the walk stops at its bounds and says where") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  write_file(root / "server.cfg", "BACKEND=TC\n");
  for (int i = 0; i < 5; ++i) write_file(root / "log" / ("general." + std::to_string(i)), "");
  write_file(root / "spool" / "1" / "2" / "3" / "msg", "");

  const auto installation = inspect::inspect_installation(root.string(), {.max_walk_entries = 3, .max_walk_depth = 2});
  const auto paths = paths_of(installation);
  CHECK(has(paths, "log/general.2"));
  CHECK_FALSE(has(paths, "log/general.3"));
  CHECK(has(paths, "spool/1/2"));
  CHECK_FALSE(has(paths, "spool/1/2/3"));
  REQUIRE(installation.walk_bounds.size() == 2);
  CHECK(installation.walk_bounds[0].directory == "log");
  CHECK(installation.walk_bounds[0].entries_bound);
  CHECK(installation.walk_bounds[0].max_entries == 3);
  CHECK(installation.walk_bounds[1].directory == "spool");
  CHECK(installation.walk_bounds[1].depth_bound);
  CHECK_FALSE(installation.walk_bounds[1].entries_bound);

  // An empty directory at the depth bound hides nothing.
  fs::remove_all(root / "spool" / "1" / "2" / "3");
  CHECK(
      inspect::inspect_installation(root.string(), {.max_walk_entries = 100, .max_walk_depth = 2}).walk_bounds.empty());
}

TEST_CASE("whether the EMG user may read server.cfg follows the kernel's order of owner then group then others") {
  inspect::Installation installation;
  installation.root_owner = 1000;
  installation.config_owner = 0;
  installation.config_group = 50;
  const inspect::UserAccount member{
      .uid = 1000, .name = "emg", .gid = 1000, .group_ids = {1000, 50}, .group_names = {}};
  const inspect::UserAccount outsider{.uid = 1000, .name = "emg", .gid = 1000, .group_ids = {1000}, .group_names = {}};
  const auto readable = [&](std::uint32_t mode, const std::optional<inspect::UserAccount>& account) {
    installation.config_mode = mode;
    installation.owner_account = account;
    return installation.owner_can_read_config();
  };
  CHECK(readable(0600, member) == false);
  CHECK(readable(0640, member) == true);
  CHECK(readable(0640, outsider) == false);
  CHECK(readable(0604, outsider) == true);
  // A member gets the group's bits, even when others may read.
  CHECK(readable(0604, member) == false);
  // Without the user's groups, only agreeing group and other bits tell.
  CHECK(readable(0644, std::nullopt) == true);
  CHECK(readable(0600, std::nullopt) == false);
  CHECK_FALSE(readable(0640, std::nullopt).has_value());
  // The EMG user's own file: the owner's bits.
  installation.config_owner = 1000;
  CHECK(readable(0400, std::nullopt) == true);
}
