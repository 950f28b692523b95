// Passwords typed the way a careful user might still get them wrong never
// reach any output: not in a message, a source line or a fix, in any format.
#include <catch2/catch.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

struct Leak {
  const char* what;
  const char* config;
  const char* password;
  bool text_shows_its_line = true;  // the text report quotes the password's line, masked
};

const Leak leaks[] = {
    {"PASSWORD with a blank for `=`", "BACKEND=TC\nPASSWORD hunter2\nLOGLEVEL=1\n", "hunter2"},
    {"a DB ADDRESS with a blank for `=`", "BACKEND=TC\nDB db1 <\nADDRESS user:Xq7pw@host:1/db\n>\n", "Xq7pw"},
    {"a DB ADDRESS with `:` for `=`", "BACKEND=TC\nDB db1 <\nADDRESS: user:Xq8pw@host:1/db\n>\n", "Xq8pw"},
    {"a misspelt PASSWORD key", "BACKEND=TC\nDB db1 <\nPASWORD=Xq9pw\n>\n", "Xq9pw"},
    {"a misspelt key EMG004 corrects in a legacy DB block at commit",
     "DB db1 <\nHOST=h\nPORT=1\nUSERNAME=u\nPASSWROD=Xq1pw\nDBNAME=d\n>\n", "Xq1pw"},
    {"a password EMG701 moves into the ADDRESS at commit",
     "DB db1 <\nHOST=h\nPORT=1\nUSERNAME=u\nPASSWORD=Xq2pw\nDBNAME=d\n>\n", "Xq2pw", false},
};

}  // namespace

TEST_CASE("passwords typed wrongly never reach any output format") {
  for (const Leak& leak : leaks) {
    for (const char* format : {"text", "json"}) {
      for (const char* phase : {"auto", "prepare", "commit"}) {
        TemporaryDirectory work;
        const fs::path config = work.path() / "server.cfg";
        write_file(config, leak.config);
        const RunResult result = run_emglint({"check", "--format", format, "--phase", phase, config.string()});
        INFO(leak.what << ", --format " << format << ", --phase " << phase << "\n" << result.out << result.err);
        CHECK(result.exit_code != 2);
        CHECK(result.out.find(leak.password) == std::string::npos);
        CHECK(result.err.find(leak.password) == std::string::npos);
        // The text report shows the source line, masked; JSON quotes no line.
        if (std::string_view(format) == "text" && leak.text_shows_its_line)
          CHECK(result.out.find("***") != std::string::npos);
      }
    }
  }
}
