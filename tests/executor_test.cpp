// The fix executor as an operator meets it: each step does what its shell
// command says, a step whose precondition no longer holds stops the run before
// it writes, nothing is ever written outside the installation or through a
// planted link, and what a fix creates belongs where it lands.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>

#include "fix/beneath.h"
#include "fix/executor.h"
#include "inspect/file_reader.h"
#include "test_support.h"
#include "report/fnv1a.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;
using report::FsAction;
using report::PathState;

namespace {

PathState missing() { return {}; }
PathState file_with(const std::string& bytes) {
  return {.type = PathState::Type::regular, .link_target = {}, .content_hash = report::fnv1a(bytes)};
}
PathState link_to(const std::string& target) { return {.type = PathState::Type::symlink, .link_target = target}; }

// An installation beside a folder that is none of its business.
struct Installation {
  TemporaryDirectory work;
  fs::path root = fs::canonical(work.path()) / "emg";
  fs::path outside = fs::canonical(work.path()) / "outside";

  Installation() {
    write_file(root / "server.cfg", "one\n");
    ::chmod((root / "server.cfg").c_str(), 0644);
    write_file(root / "bin" / "emgd-7.1", "old\n");
    write_file(root / "bin" / "emgd-7.2", "new\n");
    ::chmod((root / "bin" / "emgd-7.2").c_str(), 0750);
    fs::create_symlink("emgd-7.1", root / "bin" / "emgd");
    write_file(outside / "victim", "not yours\n");
  }
  [[nodiscard]] fix::ExecutionRoots roots() const { return {.target = root.string(), .rc_local = {}}; }
};

fix::TextWrite rewrite(const std::string& before, const std::string& after) {
  return {.root = fix::Root::target,
          .path = "server.cfg",
          .display = "server.cfg",
          .original_hash = report::fnv1a(before),
          .original_size = before.size(),
          .bytes = after,
          .backup = "server.cfg.emglint-bak",
          .backup_display = "server.cfg.emglint-bak",
          .mode_after = {}};
}

FsAction relink(const std::string& path, const std::string& from_target, const std::string& to_target) {
  return {.kind = FsAction::Kind::symlink, .path = path, .target = to_target, .before = link_to(from_target)};
}

FsAction copy(const std::string& from, const std::string& from_bytes, const std::string& path, PathState before) {
  return {.kind = FsAction::Kind::copy,
          .path = path,
          .from = from,
          .before = std::move(before),
          .from_hash = report::fnv1a(from_bytes)};
}

FsAction change_mode(const std::string& path, const std::string& mode, const std::string& bytes) {
  return {.kind = FsAction::Kind::chmod, .path = path, .mode = mode, .before = file_with(bytes)};
}

FsAction keep(const std::string& from, const std::string& from_bytes, const std::string& path) {
  return {.kind = FsAction::Kind::keep,
          .path = path,
          .from = from,
          .before = missing(),
          .from_hash = report::fnv1a(from_bytes)};
}

std::set<std::string> names_in(const fs::path& directory) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.insert(entry.path().filename().string());
  return names;
}

bool has_temporary_file(const fs::path& directory) {
  for (const auto& name : names_in(directory)) {
    if (name.find(".emglint-tmp") != std::string::npos) return true;
  }
  return false;
}

bool mentions(const std::optional<std::string>& stopped, std::string_view words) {
  return stopped && stopped->find(words) != std::string::npos;
}

// Runs each test once as the kernel has it (openat2) and once walking the
// path a name at a time, as on a kernel without openat2.
class ResolutionMode {
 public:
  explicit ResolutionMode(bool walk) { fix::walk_without_openat2_for_testing(walk); }
  ResolutionMode(const ResolutionMode&) = delete;
  ResolutionMode& operator=(const ResolutionMode&) = delete;
  ~ResolutionMode() { fix::walk_without_openat2_for_testing(false); }
};

}  // namespace

TEST_CASE("the executor rewrites a text file and keeps the original whole beside it", "[executor]") {
  Installation site;
  fix::Plan plan;
  plan.texts.push_back(rewrite("one\n", "two\n"));

  SECTION("with a backup") {
    const fix::Execution run = fix::execute(plan, site.roots());
    CHECK_FALSE(run.stopped);
    CHECK(run.texts_done == std::vector<bool>{true});
    CHECK(run.backups == std::vector<std::string>{"server.cfg.emglint-bak"});
    CHECK(read_file(site.root / "server.cfg") == "two\n");
    CHECK(read_file(site.root / "server.cfg.emglint-bak") == "one\n");
    CHECK(status_of(site.root / "server.cfg").mode == 0644);
    CHECK(status_of(site.root / "server.cfg.emglint-bak").mode == 0644);
    CHECK_FALSE(has_temporary_file(site.root));
  }
  SECTION("the backup is never more readable than the file after a later chmod") {
    plan.texts[0].mode_after = 0640;
    REQUIRE_FALSE(fix::execute(plan, site.roots()).stopped);
    CHECK(status_of(site.root / "server.cfg.emglint-bak").mode == 0640);
    CHECK(status_of(site.root / "server.cfg").mode == 0644);
  }
  SECTION("without a backup") {
    plan.texts[0].backup.reset();
    const fix::Execution run = fix::execute(plan, site.roots());
    CHECK_FALSE(run.stopped);
    CHECK(run.backups.empty());
    CHECK(read_file(site.root / "server.cfg") == "two\n");
    CHECK(names_in(site.root) == std::set<std::string>{"bin", "server.cfg"});
  }
  SECTION("rc.local is written beneath its own directory") {
    write_file(site.outside / "rc.local", "#!/bin/sh\n");
    plan.texts[0] = {.root = fix::Root::rc_local,
                     .path = "rc.local",
                     .display = "/etc/rc.local",
                     .original_hash = report::fnv1a("#!/bin/sh\n"),
                     .original_size = 10,
                     .bytes = "#!/bin/sh\nulimit -n 100000\n",
                     .backup = "rc.local.emglint-bak",
                     .backup_display = "/etc/rc.local.emglint-bak"};
    CHECK(mentions(fix::execute(plan, site.roots()).stopped, "no directory"));
    fix::ExecutionRoots roots = site.roots();
    roots.rc_local = site.outside.string();
    const fix::Execution run = fix::execute(plan, roots);
    CHECK_FALSE(run.stopped);
    CHECK(read_file(site.outside / "rc.local") == "#!/bin/sh\nulimit -n 100000\n");
    CHECK(run.backups == std::vector<std::string>{"/etc/rc.local.emglint-bak"});
  }
}

TEST_CASE("each filesystem step does what its shell command says", "[executor]") {
  Installation site;
  fix::Plan plan;
  SECTION("a link is swapped for the new one") {
    plan.actions.push_back(relink("bin/emgd", "emgd-7.1", "emgd-7.2"));
    CHECK(fix::shell_command(plan.actions[0]) == "ln -sfn emgd-7.2 bin/emgd");
  }
  SECTION("a copy onto a missing name keeps the source's mode") {
    plan.actions.push_back(copy("bin/emgd-7.2", "new\n", "bin/emgd-copy", missing()));
    CHECK(fix::shell_command(plan.actions[0]) == "cp -p bin/emgd-7.2 bin/emgd-copy");
  }
  SECTION("a copy from outside the installation replaces a file") {
    write_file(site.outside / "dist" / "emgd", "new\n");
    ::chmod((site.outside / "dist" / "emgd").c_str(), 0750);
    plan.actions.push_back(
        copy((site.outside / "dist" / "emgd").string(), "new\n", "bin/emgd-7.1", file_with("old\n")));
  }
  SECTION("a mode is changed") {
    plan.actions.push_back(change_mode("server.cfg", "0600", "one\n"));
    CHECK(fix::shell_command(plan.actions[0]) == "chmod 0600 server.cfg");
  }
  SECTION("keep gives a file a second name") {
    plan.actions.push_back(keep("bin/emgd-7.1", "old\n", "bin/emgd-7.1.orig"));
    CHECK(fix::shell_command(plan.actions[0]) == "ln bin/emgd-7.1 bin/emgd-7.1.orig");
  }
  const fix::Execution run = fix::execute(plan, site.roots());
  INFO(run.stopped.value_or(""));
  CHECK_FALSE(run.stopped);
  CHECK(run.actions_done == std::vector<bool>{true});
  const FsAction& action = plan.actions[0];
  switch (action.kind) {
    case FsAction::Kind::symlink: CHECK(fs::read_symlink(site.root / "bin" / "emgd") == "emgd-7.2"); break;
    case FsAction::Kind::copy:
      CHECK(read_file(site.root / action.path) == "new\n");
      CHECK(status_of(site.root / action.path).mode == 0750);
      break;
    case FsAction::Kind::chmod: CHECK(status_of(site.root / "server.cfg").mode == 0600); break;
    case FsAction::Kind::keep:
      CHECK(read_file(site.root / "bin" / "emgd-7.1.orig") == "old\n");
      CHECK(read_file(site.root / "bin" / "emgd-7.1") == "old\n");
      break;
  }
  CHECK_FALSE(has_temporary_file(site.root / "bin"));
  CHECK_FALSE(has_temporary_file(site.root));
}

TEST_CASE("keep leaves the kept bytes under the new name after the original name is replaced", "[executor]") {
  Installation site;
  write_file(site.outside / "dist" / "emgd", "new\n");
  fix::Plan plan;
  plan.actions.push_back(keep("bin/emgd-7.1", "old\n", "bin/emgd-7.1.orig"));
  plan.actions.push_back(copy((site.outside / "dist" / "emgd").string(), "new\n", "bin/emgd-7.1", file_with("old\n")));
  const fix::Execution run = fix::execute(plan, site.roots());
  INFO(run.stopped.value_or(""));
  CHECK_FALSE(run.stopped);
  CHECK(run.actions_done == std::vector<bool>{true, true});
  CHECK(read_file(site.root / "bin" / "emgd-7.1") == "new\n");
  CHECK(read_file(site.root / "bin" / "emgd-7.1.orig") == "old\n");

  SECTION("a second run finds the name taken and keeps nothing over it") {
    const fix::Execution again = fix::execute(plan, site.roots());
    CHECK(mentions(again.stopped, "bin/emgd-7.1.orig"));
    CHECK(again.actions_done == std::vector<bool>{false, false});
    CHECK(read_file(site.root / "bin" / "emgd-7.1.orig") == "old\n");
  }
}

TEST_CASE("a precondition that no longer holds stops the run before that step writes", "[executor]") {
  Installation site;
  fix::Plan plan;
  plan.texts.push_back(rewrite("one\n", "two\n"));
  plan.actions.push_back(relink("bin/emgd", "emgd-7.1", "emgd-7.2"));
  plan.actions.push_back(copy("bin/emgd-7.2", "new\n", "bin/emgd-7.1", file_with("old\n")));
  plan.actions.push_back(change_mode("server.cfg", "0600", "two\n"));

  SECTION("a file changed since the check is left alone, and what came before is reported done") {
    write_file(site.root / "bin" / "emgd-7.1", "an operator's build\n");
    const fix::Execution run = fix::execute(plan, site.roots());
    CHECK(run.texts_done == std::vector<bool>{true});
    CHECK(run.actions_done == std::vector<bool>{true, false, false});
    CHECK(mentions(run.stopped, "bin/emgd-7.1: changed since the check, left alone"));
    CHECK(read_file(site.root / "server.cfg") == "two\n");
    CHECK(fs::read_symlink(site.root / "bin" / "emgd") == "emgd-7.2");
    CHECK(read_file(site.root / "bin" / "emgd-7.1") == "an operator's build\n");
    CHECK(status_of(site.root / "server.cfg").mode == 0644);
    CHECK_FALSE(has_temporary_file(site.root / "bin"));
  }
  SECTION("a copy's source changed since the check: the half-made copy is removed") {
    write_file(site.root / "bin" / "emgd-7.2", "rebuilt\n");
    const fix::Execution run = fix::execute(plan, site.roots());
    CHECK(run.actions_done == std::vector<bool>{true, false, false});
    CHECK(mentions(run.stopped, "bin/emgd-7.2: changed since the check, not copied"));
    CHECK(read_file(site.root / "bin" / "emgd-7.1") == "old\n");
    CHECK_FALSE(has_temporary_file(site.root / "bin"));
  }
  SECTION("a config edited since the check stops the run before anything is written") {
    write_file(site.root / "server.cfg", "one\n# an operator's edit\n");
    const fix::Execution run = fix::execute(plan, site.roots());
    CHECK(run.texts_done == std::vector<bool>{false});
    CHECK(run.actions_done == std::vector<bool>{false, false, false});
    CHECK(mentions(run.stopped, "server.cfg: changed since the check, left alone"));
    CHECK(run.backups.empty());
    CHECK(names_in(site.root) == std::set<std::string>{"bin", "server.cfg"});
    CHECK(fs::read_symlink(site.root / "bin" / "emgd") == "emgd-7.1");
  }
  SECTION("no path outside the installation") {
    plan.texts.clear();
    for (const std::string path : {"/etc/emgd", "../emgd", "bin/../../emgd", ""}) {
      plan.actions[0].path = path;
      const fix::Execution run = fix::execute(plan, site.roots());
      CHECK(mentions(run.stopped, "not a path inside the installation"));
      CHECK(run.actions_done == std::vector<bool>{false, false, false});
    }
  }
}

TEST_CASE("a directory swapped for a link to elsewhere after the plan was made is not written through", "[executor]") {
  const bool walk = GENERATE(false, true);
  INFO((walk ? "walking name by name" : "with openat2"));
  const ResolutionMode resolution(walk);
  Installation site;
  fix::Plan plan;
  plan.actions.push_back(copy("bin/emgd-7.2", "new\n", "bin/emgd-copy", missing()));
  plan.actions.push_back(relink("bin/emgd", "emgd-7.1", "emgd-7.2"));

  // The same names outside, so that only the link on the way differs.
  fs::rename(site.root / "bin", site.root / "bin.real");
  fs::copy(site.root / "bin.real", site.outside, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  fs::create_directory_symlink(site.outside, site.root / "bin");
  const std::set<std::string> outside_before = names_in(site.outside);

  const fix::Execution run = fix::execute(plan, site.roots());
  CHECK(
      mentions(run.stopped, "bin/emgd-copy: its directory leads out of the installation, to " + site.outside.string()));
  CHECK(run.actions_done == std::vector<bool>{false, false});
  CHECK(names_in(site.outside) == outside_before);
  CHECK(fs::read_symlink(site.outside / "emgd") == "emgd-7.1");
}

TEST_CASE("a linked directory is not written through, even one that stays inside the installation", "[executor]") {
  Installation site;
  fs::rename(site.root / "bin", site.root / "bin.real");
  fs::create_directory_symlink("bin.real", site.root / "bin");
  fix::Plan plan;
  plan.actions.push_back(relink("bin/emgd", "emgd-7.1", "emgd-7.2"));
  const fix::Execution run = fix::execute(plan, site.roots());
  CHECK(mentions(run.stopped, "bin/emgd: its directory bin is reached through a link; not written"));
  CHECK(fs::read_symlink(site.root / "bin.real" / "emgd") == "emgd-7.1");
}

TEST_CASE("a link planted where the backup goes is neither followed nor replaced", "[executor]") {
  Installation site;
  fix::Plan plan;
  plan.texts.push_back(rewrite("one\n", "two\n"));
  plan.actions.push_back(relink("bin/emgd", "emgd-7.1", "emgd-7.2"));
  const fs::path backup = site.root / "server.cfg.emglint-bak";
  const bool dangling = GENERATE(false, true);
  INFO((dangling ? "a dangling link" : "a link to a file"));
  fs::create_symlink(site.outside / (dangling ? "nothing-yet" : "victim"), backup);

  const fix::Execution run = fix::execute(plan, site.roots());
  CHECK(mentions(run.stopped, "server.cfg.emglint-bak: exists already, and a backup is never overwritten"));
  CHECK(run.texts_done == std::vector<bool>{false});
  CHECK(run.actions_done == std::vector<bool>{false});
  CHECK(run.backups.empty());
  CHECK(fs::is_symlink(backup));
  CHECK(read_file(site.outside / "victim") == "not yours\n");
  CHECK_FALSE(fs::exists(site.outside / "nothing-yet"));
  CHECK(read_file(site.root / "server.cfg") == "one\n");
  CHECK_FALSE(has_temporary_file(site.root));
}

TEST_CASE("run as root, what a fix creates takes its directory's owner, and a backup keeps the original's",
          "[executor]") {
  if (!running_as_root("giving files to other users")) return;
  Installation site;
  write_file(site.outside / "dist" / "emgd", "new\n");
  REQUIRE(::chown((site.root / "bin").c_str(), 1234, 2345) == 0);
  REQUIRE(::chown((site.root / "bin" / "emgd-7.1").c_str(), 5678, 6789) == 0);
  REQUIRE(::chown((site.root / "server.cfg").c_str(), 3456, 4567) == 0);
  fix::Plan plan;
  plan.texts.push_back(rewrite("one\n", "two\n"));
  plan.actions.push_back(keep("bin/emgd-7.1", "old\n", "bin/emgd-7.1.orig"));
  plan.actions.push_back(relink("bin/emgd", "emgd-7.1", "emgd-7.2"));
  plan.actions.push_back(copy((site.outside / "dist" / "emgd").string(), "new\n", "bin/emgd-copy", missing()));

  const fix::Execution run = fix::execute(plan, site.roots());
  INFO(run.stopped.value_or(""));
  REQUIRE_FALSE(run.stopped);
  for (const char* created : {"emgd", "emgd-copy"}) {
    INFO(created);
    CHECK(status_of(site.root / "bin" / created).uid == 1234);
    CHECK(status_of(site.root / "bin" / created).gid == 2345);
  }
  CHECK(status_of(site.root / "bin" / "emgd-7.1.orig").uid == 5678);
  CHECK(status_of(site.root / "bin" / "emgd-7.1.orig").gid == 6789);
  for (const char* rewritten : {"server.cfg", "server.cfg.emglint-bak"}) {
    INFO(rewritten);
    CHECK(status_of(site.root / rewritten).uid == 3456);
    CHECK(status_of(site.root / rewritten).gid == 4567);
    CHECK(status_of(site.root / rewritten).mode == 0644);
  }
}
