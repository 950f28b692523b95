// Where each name of a tool in bin/ leads, followed once by the analysis
// layer for every rule about links: the chain, its end, and what the names on
// the way say.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>
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

// An installation's bin/ as inspect reads it and analysis resolves it; the
// resolutions point into the inspection, so neither moves.
class ResolvedBin {
 public:
  explicit ResolvedBin(const fs::path& root)
      : installation_(inspect::inspect_installation(root.string(), {.scan_processes = false})),
        binaries_(analysis::resolve_binaries(installation_)) {}
  ResolvedBin(const ResolvedBin&) = delete;
  ResolvedBin& operator=(const ResolvedBin&) = delete;

  [[nodiscard]] const std::vector<analysis::ToolBinary>& binaries() const { return binaries_; }
  [[nodiscard]] const analysis::ToolBinary& binary(std::string_view name) const {
    const analysis::ToolBinary* found = analysis::binary_named(binaries_, name);
    REQUIRE(found != nullptr);
    return *found;
  }
  [[nodiscard]] const analysis::LinkResolution& link(std::string_view name) const {
    const analysis::ToolBinary& named = binary(name);
    REQUIRE(named.link);
    return *named.link;
  }
  [[nodiscard]] analysis::ToolResolution tool(std::string_view name) const {
    return analysis::resolve_tool(installation_, binaries_, name);
  }

 private:
  inspect::Installation installation_;
  std::vector<analysis::ToolBinary> binaries_;
};

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

  const ResolvedBin bin(root);
  const analysis::LinkResolution& link = bin.link("emgd");
  CHECK(link.loop);
  CHECK_FALSE(link.dangling);
  CHECK(texts_of(link) == std::vector<std::string>{"emgd.a", "emgd-7.2.0-50785", "emgd.a"});
  CHECK(link.chain.front().path == (root / "bin" / "emgd").string());
  CHECK(link.target.type == inspect::EntryType::missing);
  CHECK_FALSE(link.target_in_bin());
  CHECK_FALSE(link.leaves_bin);
  // A name on a loop's way says nothing of what runs: nothing does.
  CHECK(link.versioned_on_the_way.empty());

  CHECK_FALSE(bin.tool("emgd").version);
  CHECK(bin.tool("emgd").evidence == "bin/emgd -> emgd.a");
}

TEST_CASE("a link through a versioned copy that leads out of bin/ runs the copy's release, from outside") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  const fs::path download = fs::canonical(work.path()) / "download" / "bin" / "emgd";
  write_file(download, "7.2 bytes");
  fs::create_symlink("emgd-7.2.0-50785", root / "bin" / "emgd");
  fs::create_symlink("../../download/bin/emgd", root / "bin" / "emgd-7.2.0-50785");

  const ResolvedBin bin(root);
  CHECK_FALSE(bin.binary("emgd").versioned);
  const analysis::LinkResolution& link = bin.link("emgd");
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

  const analysis::ToolBinary& copy = bin.binary("emgd-7.2.0-50785");
  REQUIRE(copy.versioned);
  CHECK(copy.versioned->tool == "emgd");
  CHECK(bin.link("emgd-7.2.0-50785").left_bin_from == "emgd-7.2.0-50785");

  const analysis::ToolResolution tool = bin.tool("emgd");
  CHECK(tool.version == inspect::Version{7, 2, 0, 50785});
  CHECK(tool.evidence == "bin/emgd -> emgd-7.2.0-50785 (ending at " + download.string() + ")");
}

TEST_CASE("a dangling link ends at the name it points at, in bin/ but not a file there") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  fs::create_symlink("emgsend-7.2.0-50785", root / "bin" / "emgsend");

  const ResolvedBin bin(root);
  const analysis::LinkResolution& link = bin.link("emgsend");
  CHECK(link.dangling);
  CHECK_FALSE(link.loop);
  CHECK(link.target.path == (root / "bin" / "emgsend-7.2.0-50785").string());
  CHECK(link.target.in_bin);
  CHECK(link.target.type == inspect::EntryType::missing);
  CHECK_FALSE(link.target_in_bin());
  REQUIRE(link.target.versioned);
  CHECK(link.target.versioned->tool == "emgsend");

  CHECK_FALSE(bin.tool("emgsend").version);
  CHECK(bin.tool("emgsend").evidence == "bin/emgsend -> emgsend-7.2.0-50785");
}

TEST_CASE("an absolute link that stays in bin/ does not leave it") {
  TemporaryDirectory work;
  const fs::path root = make_installation(work);
  write_file(root / "bin" / "emgd-7.2.0-50785", "7.2 bytes");
  fs::create_symlink(root / "bin" / "emgd-7.2.0-50785", root / "bin" / "emgd");

  const ResolvedBin bin(root);
  const analysis::LinkResolution& link = bin.link("emgd");
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
  const ResolvedBin bin(root);
  std::vector<std::string> names;
  for (const analysis::ToolBinary& binary : bin.binaries()) {
    names.push_back(binary.entry->name);
  }
  CHECK(names == std::vector<std::string>{"emgd", "emgd-7.1.3-48765", "emgsend"});
}
