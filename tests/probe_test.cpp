// probe_version runs `PROGRAM -v` safely: what it answers, how it failed, and
// that neither a hang nor a flood of output holds emglint up.
#include "inspect/probe.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;
using inspect::ProbeResult;

namespace {

fs::path script(const TemporaryDirectory& dir, const std::string& name, const std::string& body, mode_t mode = 0755) {
  const fs::path path = dir.path() / name;
  write_file(path, "#!/bin/sh\n" + body);
  ::chmod(path.c_str(), mode);
  return path;
}

}  // namespace

TEST_CASE("probe_version reads the version a program answers") {
  TemporaryDirectory dir;
  const auto result = inspect::probe_version(script(dir, "emgd-7.2.0-50785", "echo \"EMG 7.2.0 (build 50785)\"\n"));
  CHECK(result.name == "emgd-7.2.0-50785");
  CHECK(result.outcome == ProbeResult::Outcome::answered);
  CHECK(result.output == "EMG 7.2.0 (build 50785)\n");
  REQUIRE(result.version);
  CHECK(result.version->to_string() == "7.2.0-50785");
  CHECK(result.detail.empty());
}

TEST_CASE("probe_version passes -v and nothing else, with stdin closed") {
  TemporaryDirectory dir;
  const auto result = inspect::probe_version(
      script(dir, "emgd", "echo \"args: $# $1\"\nread line && echo read || echo no-input\necho 7.1.3-48765\n"));
  CHECK(result.outcome == ProbeResult::Outcome::answered);
  CHECK(result.output == "args: 1 -v\nno-input\n7.1.3-48765\n");
}

TEST_CASE("a program that exits non-zero has answered, with its exit status") {
  TemporaryDirectory dir;
  const auto result =
      inspect::probe_version(script(dir, "emgd", "echo 'emgd version 7.1.3 build 48765' >&2\nexit 3\n"));
  CHECK(result.outcome == ProbeResult::Outcome::answered);
  CHECK(result.detail == "exit status 3");
  REQUIRE(result.version);  // stderr counts as output
  CHECK(result.version->to_string() == "7.1.3-48765");
}

TEST_CASE("a program killed by a signal has crashed") {
  TemporaryDirectory dir;
  const auto result = inspect::probe_version(script(dir, "emgd", "kill -SEGV $$\n"));
  CHECK(result.outcome == ProbeResult::Outcome::crashed);
  CHECK(result.detail == "killed by signal 11");
  CHECK_FALSE(result.version);
}

TEST_CASE("a program that hangs times out quickly, with whatever it started") {
  TemporaryDirectory dir;
  // The child keeps the output pipe open too: only killing the group ends the wait.
  const fs::path hanging = script(dir, "emgd", "echo starting\nsleep 30 &\nsleep 30\n");
  const auto started = std::chrono::steady_clock::now();
  const auto result = inspect::probe_version(hanging, std::chrono::milliseconds(300));
  const auto took = std::chrono::steady_clock::now() - started;
  CHECK(result.outcome == ProbeResult::Outcome::timed_out);
  CHECK(result.detail == "no answer within 0.3 s");
  CHECK(took < std::chrono::seconds(3));
  CHECK(took >= std::chrono::milliseconds(300));
}

TEST_CASE("a flood of output is capped") {
  TemporaryDirectory dir;
  // 1 MB: 16384 lines of 64 bytes.
  const auto result = inspect::probe_version(
      script(dir, "emgd",
             "i=0\nwhile [ $i -lt 16384 ]; do\n  echo 0123456789012345678901234567890123456789012345678901234567890ab\n"
             "  i=$((i+1))\ndone\n"));
  CHECK(result.outcome == ProbeResult::Outcome::answered);
  CHECK(result.output.size() == inspect::probe_output_cap);
}

TEST_CASE("a file that cannot be run has failed") {
  TemporaryDirectory dir;
  SECTION("not executable") {
    const auto result = inspect::probe_version(script(dir, "emgd", "echo 7.2.0-50785\n", 0644));
    CHECK(result.outcome == ProbeResult::Outcome::failed);
    CHECK(result.detail.starts_with("cannot run it: "));
    CHECK_FALSE(result.version);
  }
  SECTION("missing") {
    const auto result = inspect::probe_version((dir.path() / "emgd").string());
    CHECK(result.outcome == ProbeResult::Outcome::failed);
    CHECK(result.detail.starts_with("cannot run it: "));
  }
}

TEST_CASE("probe_versions probes the tools and their versioned copies and keeps their order") {
  TemporaryDirectory dir;
  script(dir, "emgd", "sleep 30\n");
  script(dir, "emgd-7.1.3-48765", "echo \"EMG 7.1.3 (build 48765)\"\n");
  script(dir, "emgsend-7.2.0-50785", "sleep 30\n");
  script(dir, "helper.sh", "echo 1.2.3 12345\n");  // not an EMG tool: never run
  std::vector<inspect::BinEntry> entries;
  for (const char* name : {"emgd", "emgd-7.1.3-48765", "emgsend-7.2.0-50785", "helper.sh"}) {
    entries.push_back({.name = name,
                       .type = inspect::EntryType::regular,
                       .final_type = inspect::EntryType::regular,
                       .mode = 0755,
                       .owner = 0,
                       .size = 0,
                       .content_hash = std::nullopt,
                       .link = std::nullopt,
                       .real_path = {}});
  }
  const auto results = inspect::probe_versions(dir.path().string(), entries, std::chrono::milliseconds(300));
  REQUIRE(results.size() == 3);
  CHECK(results[0].name == "emgd");
  CHECK(results[0].outcome == ProbeResult::Outcome::timed_out);
  CHECK(results[1].name == "emgd-7.1.3-48765");
  CHECK(results[1].outcome == ProbeResult::Outcome::answered);
  CHECK(results[1].version == inspect::Version{7, 1, 3, 48765});
  CHECK(results[2].name == "emgsend-7.2.0-50785");
  CHECK(results[2].outcome == ProbeResult::Outcome::timed_out);
}

TEST_CASE("a program that closes its output and keeps running times out") {
  TemporaryDirectory dir;
  const auto result = inspect::probe_version(script(dir, "emgstat-7.2.0-50785", "exec >/dev/null 2>&1\nsleep 20\n"),
                                             std::chrono::milliseconds(300));
  CHECK(result.outcome == ProbeResult::Outcome::timed_out);
}
