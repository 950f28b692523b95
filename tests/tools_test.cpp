// Where each name of a tool in bin/ leads, followed once by the analysis
// layer for every rule about links: the chain, its end, and what the names on
// the way say.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "analysis/tools.h"
#include "inspect/installation.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

// An installation with server.cfg and an empty bin/, its path canonical as inspect makes it.
fs::path make_installation(const TemporaryDirectory& work) {
  const fs::path root = work.path() / "emg";
  write_file(root / "server.cfg", "BACKEND=TC\n");
  fs::create_directories(root / "bin");
  return fs::canonical(root);
}

std::vector<std::string> texts_of(const analysis::LinkResolution& link) {
  std::vector<std::string> texts;
  for (const inspect::LinkHop& hop : link.chain) texts.push_back(hop.text);
  return texts;
}

}  // namespace

TEST_CASE("a chain of links that loops ends nowhere and names no release") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  fs::create_symlink("emgd.a", root / "bin" / "emgd");
  fs::create_symlink("emgd-7.2.0-50785", root / "bin" / "emgd.a");
  fs::create_symlink("emgd.a", root / "bin" / "emgd-7.2.0-50785");

  const auto installation = inspect::inspect_installation(root.string(), {.scan_processes = false});
  const auto binaries = analysis::resolve_binaries(installation);
  const analysis::ToolBinary* emgd = analysis::binary_named(binaries, "emgd");
  REQUIRE(emgd != nullptr);
  REQUIRE(emgd->link);
  const analysis::LinkResolution& link = *emgd->link;
  CHECK(link.loop);
  CHECK_FALSE(link.dangling);
  CHECK(texts_of(link) == std::vector<std::string>{"emgd.a", "emgd-7.2.0-50785", "emgd.a"});
  CHECK(link.chain.front().path == (root / "bin" / "emgd").string());
  CHECK(link.target.type == inspect::EntryType::missing);
  CHECK_FALSE(link.target_in_bin());
  CHECK_FALSE(link.leaves_bin);
  // A name on a loop's way says nothing of what runs: nothing does.
  CHECK(link.versioned_on_the_way.empty());

  const analysis::ToolResolution tool = analysis::resolve_tool(installation, binaries, "emgd");
  CHECK_FALSE(tool.version);
  CHECK(tool.evidence == "bin/emgd -> emgd.a");
}

TEST_CASE("a link through a versioned copy that leads out of bin/ runs the copy's release, from outside") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  const fs::path download = fs::canonical(work.path()) / "download" / "bin" / "emgd";
  write_file(download, "7.2 bytes");
  fs::create_symlink("emgd-7.2.0-50785", root / "bin" / "emgd");
  fs::create_symlink("../../download/bin/emgd", root / "bin" / "emgd-7.2.0-50785");

  const auto installation = inspect::inspect_installation(root.string(), {.scan_processes = false});
  const auto binaries = analysis::resolve_binaries(installation);
  const analysis::ToolBinary* emgd = analysis::binary_named(binaries, "emgd");
  REQUIRE(emgd != nullptr);
  REQUIRE(emgd->link);
  CHECK_FALSE(emgd->versioned);
  const analysis::LinkResolution& link = *emgd->link;
  CHECK(texts_of(link) == std::vector<std::string>{"emgd-7.2.0-50785", "../../download/bin/emgd"});
  CHECK(link.chain[1].path == (root / "bin" / "emgd-7.2.0-50785").string());
  CHECK(link.chain[1].in_bin);
  CHECK(link.target.path == download.string());
  CHECK(link.target.type == inspect::EntryType::regular);
  CHECK_FALSE(link.target.in_bin);
  CHECK_FALSE(link.target.versioned);
  CHECK_FALSE(link.target_in_bin());
  CHECK(link.leaves_bin);
  CHECK(link.left_bin_from == "emgd-7.2.0-50785");
  CHECK_FALSE(link.absolute);
  REQUIRE(link.versioned_on_the_way.size() == 1);
  CHECK(link.versioned_on_the_way[0].version == inspect::Version{7, 2, 0, 50785});

  const analysis::ToolBinary* copy = analysis::binary_named(binaries, "emgd-7.2.0-50785");
  REQUIRE(copy != nullptr);
  REQUIRE(copy->versioned);
  CHECK(copy->versioned->tool == "emgd");
  REQUIRE(copy->link);
  CHECK(copy->link->left_bin_from == "emgd-7.2.0-50785");

  const analysis::ToolResolution tool = analysis::resolve_tool(installation, binaries, "emgd");
  CHECK(tool.version == inspect::Version{7, 2, 0, 50785});
  CHECK(tool.evidence == "bin/emgd -> emgd-7.2.0-50785 (ending at " + download.string() + ")");
}

TEST_CASE("a dangling link ends at the name it points at, in bin/ but not a file there") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  fs::create_symlink("emgsend-7.2.0-50785", root / "bin" / "emgsend");

  const auto installation = inspect::inspect_installation(root.string(), {.scan_processes = false});
  const auto binaries = analysis::resolve_binaries(installation);
  const analysis::ToolBinary* emgsend = analysis::binary_named(binaries, "emgsend");
  REQUIRE(emgsend != nullptr);
  REQUIRE(emgsend->link);
  const analysis::LinkResolution& link = *emgsend->link;
  CHECK(link.dangling);
  CHECK_FALSE(link.loop);
  CHECK(link.target.path == (root / "bin" / "emgsend-7.2.0-50785").string());
  CHECK(link.target.in_bin);
  CHECK(link.target.type == inspect::EntryType::missing);
  CHECK_FALSE(link.target_in_bin());
  REQUIRE(link.target.versioned);
  CHECK(link.target.versioned->tool == "emgsend");

  const analysis::ToolResolution tool = analysis::resolve_tool(installation, binaries, "emgsend");
  CHECK_FALSE(tool.version);
  CHECK(tool.evidence == "bin/emgsend -> emgsend-7.2.0-50785");
}

TEST_CASE("an absolute link that stays in bin/ does not leave it") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  write_file(root / "bin" / "emgd-7.2.0-50785", "7.2 bytes");
  fs::create_symlink(root / "bin" / "emgd-7.2.0-50785", root / "bin" / "emgd");

  const auto installation = inspect::inspect_installation(root.string(), {.scan_processes = false});
  const auto binaries = analysis::resolve_binaries(installation);
  const analysis::LinkResolution& link = *analysis::binary_named(binaries, "emgd")->link;
  CHECK(link.absolute);
  CHECK_FALSE(link.leaves_bin);
  CHECK(link.left_bin_from.empty());
  CHECK(link.target_in_bin() == "emgd-7.2.0-50785");
  CHECK(link.target.type == inspect::EntryType::regular);
}

TEST_CASE("a chain that leaves bin/ and comes back names the link it left from, and ends in bin/") {
  const inspect::LinkInfo info{
      .hops = {{.path = "/emg/bin/emgd", .text = "/opt/links/emgd", .in_bin = true},
               {.path = "/opt/links/emgd", .text = "/emg/bin/emgd-7.2.0-50785", .in_bin = false}},
      .final_path = "/emg/bin/emgd-7.2.0-50785",
      .final_in_bin = true};
  const analysis::LinkResolution link = analysis::resolve_link(info, inspect::EntryType::regular);
  CHECK(link.leaves_bin);
  CHECK(link.left_bin_from == "emgd");
  CHECK(link.target_in_bin() == "emgd-7.2.0-50785");
  REQUIRE(link.target.versioned);
  CHECK(link.target.versioned->version == inspect::Version{7, 2, 0, 50785});
}

TEST_CASE("only the seven tools and their versioned copies are binaries of a tool") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  for (const char* name : {"emgd", "emgd-7.1.3-48765", "emgd.real", "README", "other-7.2.0-50785", "emgsend"}) {
    write_file(root / "bin" / name, "");
  }
  const auto installation = inspect::inspect_installation(root.string(), {.scan_processes = false});
  std::vector<std::string> names;
  for (const analysis::ToolBinary& binary : analysis::resolve_binaries(installation)) {
    names.push_back(binary.entry->name);
  }
  CHECK(names == std::vector<std::string>{"emgd", "emgd-7.1.3-48765", "emgsend"});
}
