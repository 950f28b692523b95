// The one glob dialect of --include and [per-file-ignores]: `*` and `**` span
// `/`, `**/` may match no directory, a pattern without `/` matches a name too.
#include <catch2/catch.hpp>

#include "report/glob.h"
#include "test_support.h"

namespace fs = std::filesystem;
using emglint::report::glob_matches;
using namespace emglint::testing;

TEST_CASE("a glob matches as ruff's per-file-ignores do") {
  struct Case {
    const char* pattern;
    const char* path;
    bool matches;
  };
  const Case cases[] = {
      {"legacy/*/server.cfg", "legacy/site1/server.cfg", true},
      {"legacy/*/server.cfg", "legacy/a/b/server.cfg", true},  // `*` spans `/`
      {"legacy/**/server.cfg", "legacy/server.cfg", true},     // `**/` may match no directory
      {"legacy/**/server.cfg", "legacy/a/b/server.cfg", true},
      {"**/server.cfg", "server.cfg", true},
      {"**/server.cfg", "x/y/server.cfg", true},
      {"legacy/**", "legacy/a/server.cfg", true},
      {"legacy/**", "other/server.cfg", false},
      {"*.cfg", "a/b/site.cfg", true},
      {"server.cfg", "deep/in/server.cfg", true},      // no `/`: the name alone matches
      {"in/server.cfg", "deep/in/server.cfg", false},  // anchored where it is given
      {"site?/server.cfg", "site1/server.cfg", true},
      {"site?/server.cfg", "site10/server.cfg", false},
      {"site[0-9]/server.cfg", "site7/server.cfg", true},
      {"site[!0-9]/server.cfg", "site7/server.cfg", false},
      {"site[^0-9]/server.cfg", "siteX/server.cfg", true},
      {"site[]]", "site]", true},
      {"site[", "site[", true},  // an unclosed `[` is itself
      {"\\*.cfg", "*.cfg", true},
      {"\\*.cfg", "a.cfg", false},
      {"a*b*c*d*e*f*g", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
  };
  for (const Case& test : cases) {
    INFO(test.pattern << " on " << test.path);
    CHECK(glob_matches(test.pattern, test.path) == test.matches);
  }
}

TEST_CASE("`**` works in --include and in per-file ignores alike") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  const std::string faulty = "CONNECTOR x <\nINSTANCES=2\n>\n";
  write_file("repo/sites/a/server.cfg", faulty);
  write_file("repo/staging/deep/er/site.cfg", faulty);
  write_file("repo/legacy/old/one/server.cfg", faulty);
  write_file("repo/.emglint.toml", "[per-file-ignores]\n\"legacy/**/server.cfg\" = [\"EMG101\"]\n");

  const RunResult result = run_emglint({"check", "--phase", "prepare", "--include", "staging/**/*.cfg", "repo"});
  INFO(result.out << result.err);
  CHECK(result.out.find("repo/sites/a/server.cfg:1:1: error[EMG101]") != std::string::npos);
  CHECK(result.out.find("repo/staging/deep/er/site.cfg:1:1: error[EMG101]") != std::string::npos);
  CHECK(result.out.find("repo/legacy/old/one/server.cfg:1:1") == std::string::npos);
}
