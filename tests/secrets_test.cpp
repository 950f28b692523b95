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
  std::vector<std::string> passwords;  // parts of the password that must not appear
  bool text_shows_its_line = true;     // the text report quotes the password's line, masked
};

const Leak leaks[] = {
    // Not `hunter2`: EMG001's page, which SARIF carries, shows that one.
    {"PASSWORD with a blank for `=`", "BACKEND=TC\nPASSWORD Xq0pw\nLOGLEVEL=1\n", {"Xq0pw"}},
    {"a DB ADDRESS with a blank for `=`", "BACKEND=TC\nDB db1 <\nADDRESS user:Xq7pw@host:1/db\n>\n", {"Xq7pw"}},
    {"a DB ADDRESS with `:` for `=`", "BACKEND=TC\nDB db1 <\nADDRESS: user:Xq8pw@host:1/db\n>\n", {"Xq8pw"}},
    {"a misspelt PASSWORD key", "BACKEND=TC\nDB db1 <\nPASWORD=Xq9pw\n>\n", {"Xq9pw"}},
    {"a misspelt key EMG004 corrects in a legacy DB block at commit",
     "DB db1 <\nHOST=h\nPORT=1\nUSERNAME=u\nPASSWROD=Xq1pw\nDBNAME=d\n>\n",
     {"Xq1pw"}},
    {"a password EMG701 moves into the ADDRESS at commit",
     "DB db1 <\nHOST=h\nPORT=1\nUSERNAME=u\nPASSWORD=Xq2pw\nDBNAME=d\n>\n",
     {"Xq2pw"},
     false},
    {"credentials in another option's value, quoted by a rule about that option",
     "BACKEND=TC\nDBCONFIG=emg:Xq3pw@db:5432/emg\nDB main <\nADDRESS=emg:Xq3pw@db:5432/emg\n>\n",
     {"Xq3pw"}},
    {"a DB ADDRESS without `=` whose password holds `=`",
     "BACKEND=TC\nDB db1 <\nADDRESS emg:Xq4a=Xq4b@db:1/x\n>\n",
     {"Xq4a", "Xq4b"}},
    {"a DB ADDRESS without `=` whose password holds a tab",
     "BACKEND=TC\nDB db1 <\nADDRESS\temg:Xq5a\tXq5b@db:1/x\n>\n",
     {"Xq5a", "Xq5b"}},
    {"a DB ADDRESS without `=` whose password holds `@` and a blank",
     "BACKEND=TC\nDB db1 <\nADDRESS emg:Xq6a@Xq6b Xq6c@db:1/x\n>\n",
     {"Xq6a", "Xq6b", "Xq6c"}},
    {"a misspelt ADDRESS key", "BACKEND=TC\nDB db1 <\nADRESS=emg:Xq7pass@db:5432/emg\n>\n", {"Xq7pass"}},
};

}  // namespace

TEST_CASE("passwords typed wrongly never reach any output format") {
  for (const Leak& leak : leaks) {
    for (const char* format : {"text", "json", "sarif", "github"}) {
      for (const char* phase : {"auto", "prepare", "commit"}) {
        TemporaryDirectory work;
        const fs::path config = work.path() / "server.cfg";
        write_file(config, leak.config);
        const RunResult result = run_emglint({"check", "--format", format, "--phase", phase, config.string()});
        INFO(leak.what << ", --format " << format << ", --phase " << phase << "\n" << result.out << result.err);
        CHECK(result.exit_code != 2);
        for (const std::string& password : leak.passwords) {
          CHECK(result.out.find(password) == std::string::npos);
          CHECK(result.err.find(password) == std::string::npos);
        }
        // The text report shows the source line, masked, and SARIF its snippet; JSON quotes no line.
        if ((std::string_view(format) == "text" || std::string_view(format) == "sarif") && leak.text_shows_its_line)
          CHECK(result.out.find("***") != std::string::npos);
      }
    }
    // The patch --diff prints, and what it says it would fix, with the unsafe fixes too.
    for (const char* phase : {"prepare", "commit"}) {
      TemporaryDirectory work;
      const fs::path config = work.path() / "server.cfg";
      write_file(config, leak.config);
      const RunResult result = run_emglint({"check", "--diff", "--unsafe-fixes", "--phase", phase, config.string()});
      INFO(leak.what << ", --diff --phase " << phase << "\n" << result.out << result.err);
      CHECK(result.exit_code != 2);
      for (const std::string& password : leak.passwords) {
        CHECK(result.out.find(password) == std::string::npos);
        CHECK(result.err.find(password) == std::string::npos);
      }
    }
  }
}

TEST_CASE("a log line that quotes server.cfg's password prints it masked") {
  TemporaryDirectory work;
  const fs::path root = work.path() / "emg";
  fs::copy(source_dir() / "corpus" / "example" / "home" / "emg" / "etc", root,
           fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  write_file(root / "log" / "general",
             "Nov 25 13:31:33.123456 INFO emgd 7.2.0-50785 starting\n"
             "Nov 25 13:31:34.000001 ERROR cannot connect as emg:s3cr3t-example@db:3306/emg\n");
  for (const char* format : {"text", "json", "sarif", "github"}) {
    const RunResult result =
        run_emglint({"check", "--phase", "start", "--select", "EMG801", "--format", format, "--rc-local",
                     (source_dir() / "corpus/example/etc/rc.local").string(), root.string()});
    INFO(result.out << result.err);
    CHECK(result.out.find("EMG801") != std::string::npos);
    CHECK(result.out.find("s3cr3t-example") == std::string::npos);
  }
}
