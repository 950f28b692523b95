// What an installation's owner could read, judged by mode bits for its uid
// and groups: the file's read bit, and search on every directory on its way.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inspect/file_descriptor.h"
#include "inspect/owner_access.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

void set_mode(const fs::path& path, mode_t mode) { REQUIRE(::chmod(path.c_str(), mode) == 0); }

// Files made here belong to whoever runs the test; the accounts below are
// judged against that uid and gid, whatever it is.
inspect::UserAccount stranger() {
  return {.uid = ::getuid() + 4242, .name = "stranger", .gid = 4242, .group_ids = {4242}, .group_names = {}};
}
inspect::UserAccount member() {
  inspect::UserAccount account = stranger();
  account.group_ids.push_back(::getgid());
  return account;
}
inspect::UserAccount owner() {
  inspect::UserAccount account = stranger();
  account.uid = ::getuid();
  return account;
}
const inspect::UserAccount root{.uid = 0, .name = "root", .gid = 0, .group_ids = {0}, .group_names = {}};

// A fresh directory others may pass through, as a home directory's parent.
struct Tree {
  TemporaryDirectory work;
  fs::path at(const std::string& name) const { return work.path() / name; }
  Tree() { set_mode(work.path(), 0711); }
};

}  // namespace

TEST_CASE("the owner's read bit on the file decides, by the kernel's order of owner, group, others") {
  Tree tree;
  const fs::path file = tree.at("server.cfg");
  write_file(file, "BACKEND=TC\n");
  set_mode(file, 0644);
  CHECK(inspect::owner_could_read(file, stranger()) == true);
  set_mode(file, 0600);
  CHECK(inspect::owner_could_read(file, stranger()) == false);
  CHECK(inspect::owner_could_read(file, owner()) == true);
  set_mode(file, 0640);
  CHECK(inspect::owner_could_read(file, member()) == true);
  CHECK(inspect::owner_could_read(file, stranger()) == false);
  // A member gets the group's bits, and the owner the owner's, even where others may read.
  set_mode(file, 0604);
  CHECK(inspect::owner_could_read(file, member()) == false);
  set_mode(file, 0066);
  // Root, running the test, reads its own files whatever their bits.
  if (::getuid() != 0) CHECK(inspect::owner_could_read(file, owner()) == false);
  set_mode(file, 0000);
  CHECK(inspect::owner_could_read(file, root) == true);
}

TEST_CASE("every directory on the way needs search permission, not read permission") {
  Tree tree;
  const fs::path file = tree.at("private/deeper/secret");
  write_file(file, "x\n");
  set_mode(file, 0644);
  set_mode(tree.at("private"), 0700);
  CHECK(inspect::owner_could_read(file, stranger()) == false);
  CHECK(inspect::owner_could_read(file, owner()) == true);
  set_mode(tree.at("private"), 0711);
  CHECK(inspect::owner_could_read(file, stranger()) == true);
  set_mode(tree.at("private/deeper"), 0750);
  CHECK(inspect::owner_could_read(file, stranger()) == false);
  CHECK(inspect::owner_could_read(file, member()) == true);

  CHECK(inspect::owner_could_list(tree.at("private/deeper"), member()) == true);
  CHECK(inspect::owner_could_list(tree.at("private/deeper"), stranger()) == false);
  // Search alone does not list.
  CHECK(inspect::owner_could_list(tree.at("private"), stranger()) == false);
  CHECK_FALSE(inspect::owner_could_list(file, stranger()).has_value());
}

TEST_CASE("a link is judged by where it leads, and a path that leads nowhere is not judged") {
  Tree tree;
  const fs::path secret = tree.at("outside/shadow");
  write_file(secret, "root:$6$secret:19000::::::\n");
  set_mode(secret, 0600);
  fs::create_directories(tree.at("emg"));
  fs::create_symlink(secret, tree.at("emg/server.cfg"));
  CHECK(inspect::owner_could_read(tree.at("emg/server.cfg"), stranger()) == false);
  // Readable, but behind a directory the owner may not pass.
  set_mode(secret, 0644);
  set_mode(tree.at("outside"), 0700);
  CHECK(inspect::owner_could_read(tree.at("emg/server.cfg"), stranger()) == false);
  set_mode(tree.at("outside"), 0755);
  CHECK(inspect::owner_could_read(tree.at("emg/server.cfg"), stranger()) == true);

  fs::create_symlink("missing", tree.at("emg/dangling"));
  CHECK_FALSE(inspect::owner_could_read(tree.at("emg/dangling"), stranger()).has_value());
  CHECK_FALSE(inspect::owner_could_read(tree.at("emg/none"), stranger()).has_value());
}

TEST_CASE("an open file is judged as opened, whatever its path names by then") {
  Tree tree;
  const fs::path secret = tree.at("secret");
  const fs::path open = tree.at("open");
  write_file(secret, "s3cret\n");
  write_file(open, "BACKEND=TC\n");
  set_mode(secret, 0600);
  set_mode(open, 0644);
  fs::create_symlink(secret, tree.at("server.cfg"));
  const inspect::FileDescriptor fd(::open(tree.at("server.cfg").c_str(), O_RDONLY | O_CLOEXEC));
  REQUIRE(fd.valid());
  fs::remove(tree.at("server.cfg"));
  fs::create_symlink(open, tree.at("server.cfg"));
  CHECK_FALSE(inspect::owner_could_read(fd.get(), tree.at("server.cfg"), stranger()));
  CHECK(inspect::owner_could_read(fd.get(), tree.at("server.cfg"), owner()));
}

TEST_CASE("a file read for the owner is withheld, unread, where the owner could not read it") {
  Tree tree;
  const fs::path file = tree.at("server.cfg");
  write_file(file, "BACKEND=TC\n");
  set_mode(file, 0600);
  const inspect::UserAccount other = stranger();
  CHECK(std::holds_alternative<inspect::Withheld>(inspect::read_text_file_for(file, &other)));
  CHECK(std::get<std::string>(inspect::read_text_file_for(file, nullptr)) == "BACKEND=TC\n");
  set_mode(file, 0604);
  CHECK(std::get<std::string>(inspect::read_text_file_for(file, &other)) == "BACKEND=TC\n");
  CHECK(std::holds_alternative<inspect::ReadError>(inspect::read_text_file_for(tree.at("none"), &other)));
}
