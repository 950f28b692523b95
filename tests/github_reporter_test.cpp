// `--format github`: workflow-command annotations with GitHub's escaping.
#include <catch2/catch.hpp>

#include "reporters/github_escaping.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

TEST_CASE("GitHub escaping of workflow-command messages and properties") {
  CHECK(reporters::escape_github_message("plain text") == "plain text");
  CHECK(reporters::escape_github_message("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b");
  CHECK(reporters::escape_github_message("%0A") == "%250A");  // an escape in the text stays text
  CHECK(reporters::escape_github_property("EMG201 a:b,c") == "EMG201 a%3Ab%2Cc");
  CHECK(reporters::escape_github_property("50%\n::x") == "50%25%0A%3A%3Ax");
  CHECK(reporters::escape_github_property("") == "");
}

TEST_CASE("the github format prints one annotation per finding") {
  TemporaryDirectory dir;
  write_file(dir.path() / "site, a:b" / "server.cfg",
             "backend=TC\n"
             "CONNECTOR smpp-in <\n"
             "DLR_TO_SAME_IP\n"
             ">\n");
  ScopedWorkingDirectory in_dir(dir.path());
  const RunResult result = run_emglint({"check", "--format", "github", "--phase", "prepare", "."});
  CHECK(result.exit_code == 1);
  CHECK(result.out ==
        "::notice file=site%2C a%3Ab/server.cfg,line=1,col=1,endLine=1,endColumn=8,title=EMG008 keyword-case::"
        "keyword `backend` is not upper case; EMG documents `BACKEND`\n"
        "::error file=site%2C a%3Ab/server.cfg,line=3,col=1,endLine=3,endColumn=15,"
        "title=EMG201 dlr-to-same-ip-too-early::`DLR_TO_SAME_IP` is set in block `CONNECTOR smpp-in` before the "
        "commit phase: it is new in 7.2, and the procedure sets it only after commit, when 7.1 no longer has to read "
        "this file\n"
        "emglint: 1 error, 0 warnings, 1 info\n");

  const RunResult quiet = run_emglint({"check", "--format", "github", "--phase", "prepare", "-q", "."});
  CHECK(quiet.out.find("emglint:") == std::string::npos);
  CHECK(quiet.out.starts_with("::notice "));
}

TEST_CASE("the github format reports a file that could not be read") {
  TemporaryDirectory dir;
  ScopedWorkingDirectory in_dir(dir.path());
  const RunResult result = run_emglint({"check", "--format", "github", "missing.cfg"});
  CHECK(result.exit_code == 2);
  CHECK(result.out ==
        "::error title=emglint%3A not checked::missing.cfg: No such file or directory\n"
        "emglint: 0 errors, 0 warnings\n");
}
