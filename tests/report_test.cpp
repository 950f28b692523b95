// The JSON report (parsed back and compared) and the text format with carets
// and colour, as contract.md describes them.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

const std::string config_with_secrets =
    "BACKEND=TC\n"
    "CONNECTOR smpp-in <\n"
    "INSTANCES=20\n"
    ">\n"
    "CONNECTOR http-in <\n"
    ">\n"
    "DB emgdb <\n"
    "PASSWORD=hunter22 #x\n"
    "ADDRESS=emg:p@ss:w0rd@[::1]:3306/emg #y\n"
    "passWORD=zz\n"
    ">\n";

}  // namespace

TEST_CASE("the JSON report has the documented shape") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", config_with_secrets);
  ScopedWorkingDirectory in_dir(dir.path());
  auto result = run_emglint({"check", "--format", "json", "server.cfg"});
  CHECK(result.exit_code == 1);  // the DB block's ADDRESS: too early (EMG703) and malformed (EMG702)
  const auto report = nlohmann::json::parse(result.out);

  CHECK(report["schema_version"] == 1);
  CHECK(report["tool"] == nlohmann::json{{"name", "emglint"}, {"version", "0.1.0"}});
  REQUIRE(report["targets"].size() == 1);
  const auto& target = report["targets"][0];
  CHECK(target["path"] == "server.cfg");
  CHECK(target["kind"] == "config");
  CHECK(target["phase"]["requested"] == "auto");
  CHECK(target["phase"]["effective"] == "prepare");
  CHECK(target["phase"]["evidence"] == nlohmann::json::array({"BACKEND=TC at server.cfg:1"}));
  // An ADDRESS-form DB block beside an active BACKEND=TC: signs of two phases.
  CHECK(target["phase"]["certain"] == false);
  const auto against = nlohmann::json::array({"block `DB emgdb` in the ADDRESS form at server.cfg:9"});
  CHECK(target["phase"]["evidence_against"] == against);
  CHECK(target["phase"]["alternatives"] == nlohmann::json::array({{{"phase", "commit"}, {"evidence", against}}}));
  CHECK(target["facts"]["connector_instances"] == 21);  // 20 + 1 where INSTANCES is absent

  const auto& findings = report["findings"];
  REQUIRE(findings.size() == 8);
  CHECK(findings[0]["rule"] == "EMG110");
  const auto& first = findings[1];
  CHECK(first["rule"] == "EMG007");
  CHECK(first["name"] == "trailing-comment");
  CHECK(first["severity"] == "warning");
  CHECK(first["phase"] == "prepare");
  CHECK(first["target"] == "server.cfg");
  CHECK(first["file"] == "server.cfg");
  CHECK(first["line"] == 8);
  CHECK(first["column"] == 10);
  CHECK(first["end_line"] == 8);
  CHECK(first["end_column"] == 11);
  CHECK(first["fix"].is_null());
  // Sorted by line, column, rule: EMG703 and EMG704 at ADDRESS's key, EMG007 and EMG702 at its value.
  CHECK(findings[2]["rule"] == "EMG703");
  CHECK(findings[2]["severity"] == "error");
  CHECK(findings[2]["fix"].is_null());  // the block mixes both forms: no rewrite
  CHECK(findings[3]["rule"] == "EMG704");
  CHECK(findings[4]["rule"] == "EMG007");
  CHECK(findings[5]["rule"] == "EMG702");
  CHECK(findings[5]["column"] == 9);
  CHECK(findings[6]["rule"] == "EMG003");
  CHECK(findings[7]["rule"] == "EMG008");
  // Safe in itself, but with the phase in doubt --fix applies nothing, so nothing counts as fixable.
  CHECK(findings[7]["fix"]["safety"] == "display-only");
  CHECK(findings[7]["fix"]["note"] == "the phase is uncertain (EMG110): give --phase to apply it");
  CHECK(findings[7]["fix"]["edits"][0]["replacement"] == "PASSWORD");
  CHECK(findings[7]["fix"]["actions"] == nlohmann::json::array());
  CHECK(report["summary"] == nlohmann::json{{"error", 3}, {"warning", 4}, {"info", 1}, {"fixable", 0}});
}

TEST_CASE("a JSON fix whose text had to be masked says so, and still counts as fixable") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg",
             "BACKEND=TC\nDB emgdb <\nTYPE=MYSQL\nHOST=127.0.0.1\nPORT=3306\nUSERNAME=emguser\n"
             "PASSWORD=Masked9pw\nDBNAME=emg\n>\n");
  const auto result =
      run_emglint({"check", "--format", "json", "--phase", "commit", (dir.path() / "server.cfg").string()});
  CHECK(result.out.find("Masked9pw") == std::string::npos);
  const auto report = nlohmann::json::parse(result.out);
  const auto& findings = report["findings"];
  REQUIRE(findings.size() == 2);

  CHECK(findings[0]["rule"] == "EMG104");
  const auto& plain = findings[0]["fix"];
  CHECK(plain["safety"] == "safe");
  CHECK_FALSE(plain.contains("masked"));
  CHECK_FALSE(plain.contains("note"));

  CHECK(findings[1]["rule"] == "EMG701");
  const auto& masked = findings[1]["fix"];
  CHECK(masked["safety"] == "safe");
  CHECK(masked["masked"] == true);
  CHECK(masked["note"] == "passwords are shown as ***: apply it with emglint check --fix");
  CHECK_FALSE(masked.contains("applicable"));  // it overlaps nothing: --fix writes the real password
  CHECK(masked["edits"][0]["replacement"] == "ADDRESS=emguser:***@127.0.0.1:3306/emg");
  CHECK(report["summary"]["fixable"] == 2);
}

TEST_CASE("a DB ADDRESS without `@` is masked whole") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", "BACKEND=TC\nDB emgdb <\nADDRESS=emguser:hunter2db1:3306/emg\n>\n");
  for (const char* format : {"text", "json"}) {
    auto result = run_emglint({"check", "--format", format, (dir.path() / "server.cfg").string()});
    CHECK(result.out.find("EMG702") != std::string::npos);
    CHECK(result.out.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("a password on a line that does not parse or under a mistyped key is masked") {
  TemporaryDirectory dir;
  // The NUL lies past the bytes that would make the file binary: it is one bad line.
  write_file(dir.path() / "server.cfg",
             "# " + std::string(8000, '-') + "\n" +
                 std::string("BACKEND=TC\nDB d <\nPASSWORD=abc\0hunter2def\nPASSWORD: hunter2pw\n"
                             "PASSWROD=hunter2typo\n>\n",
                             85));
  for (const char* format : {"text", "json"}) {
    INFO(format);
    auto result = run_emglint({"check", "--format", format, (dir.path() / "server.cfg").string()});
    CHECK(result.out.find("EMG001") != std::string::npos);
    CHECK(result.out.find("EMG004") != std::string::npos);
    CHECK(result.out.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("a password typed with a blank for `=` opens no block and is masked") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg",
             "PASSWORD hunter2\nLOGLEVEL=1\nCONNECTOR c <\npasswd  hunter2b\n"
             "PASWORD hunter2c\n>\n");
  for (const char* format : {"text", "json"}) {
    INFO(format);
    auto result = run_emglint({"check", "--format", format, (dir.path() / "server.cfg").string()});
    CHECK(result.out.find("EMG001") != std::string::npos);
    CHECK(result.out.find("EMG009") == std::string::npos);  // no block of kind PASSWORD
    CHECK(result.out.find("hunter2") == std::string::npos);
  }
  auto text = run_emglint({"check", (dir.path() / "server.cfg").string()});
  CHECK(text.out.find("| PASSWORD ***\n") != std::string::npos);
  CHECK(text.out.find("| passwd  ***\n") != std::string::npos);
  CHECK(text.out.find("| PASWORD ***\n") != std::string::npos);
}

TEST_CASE("passwords never appear in any output") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", config_with_secrets);
  const std::string path = (dir.path() / "server.cfg").string();
  for (const char* format : {"text", "json"}) {
    INFO(format);
    auto result = run_emglint({"check", "--format", format, path});
    CHECK(result.out.find("hunter22") == std::string::npos);
    CHECK(result.out.find("p@ss:w0rd") == std::string::npos);
    CHECK(result.out.find("w0rd") == std::string::npos);
    CHECK(result.out.find("PASSWORD=zz") == std::string::npos);
    CHECK(result.out.find("***") != std::string::npos);
  }
}

TEST_CASE("text findings read PATH:LINE:COL then severity and ID and message with the line and a caret") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", "BACKEND=TC\nCONNECTOR smpp-in <\n\tINSTANCES=x1\n>\n");
  ScopedWorkingDirectory in_dir(dir.path());
  auto result = run_emglint({"check", "server.cfg"});
  CHECK(result.exit_code == 1);
  CHECK(result.out ==
        "server.cfg:3:12: error[EMG006] `INSTANCES=x1` is not a whole number of 0 or more\n"
        "    3 | \tINSTANCES=x1\n"
        "      | \t          ^~\n"
        "server.cfg: phase prepare (detected: BACKEND=TC at server.cfg:1)\n"
        "1 error, 0 warnings\n");

  auto quiet = run_emglint({"check", "-q", "server.cfg"});
  CHECK(quiet.out ==
        "server.cfg:3:12: error[EMG006] `INSTANCES=x1` is not a whole number of 0 or more\n"
        "    3 | \tINSTANCES=x1\n"
        "      | \t          ^~\n"
        "server.cfg: phase prepare (detected: BACKEND=TC at server.cfg:1)\n");
}

TEST_CASE("quiet output on a repository names the phase only of the sites with findings") {
  TemporaryDirectory dir;
  for (int site = 1; site <= 20; ++site) {
    write_file(dir.path() / fmt::format("site{:02}", site) / "server.cfg", "BACKEND=TC\nCONNECTOR smpp-in <\nINSTANCES=2\n>\n");
  }
  write_file(dir.path() / "site07" / "server.cfg", "BACKEND=TC\nCONNECTOR smpp-in <\nINSTANCES=x1\n>\n");
  ScopedWorkingDirectory in_dir(dir.path());
  const auto quiet = run_emglint({"check", "-q", "."});
  CHECK(quiet.exit_code == 1);
  CHECK(quiet.out ==
        "./site07/server.cfg:3:11: error[EMG006] `INSTANCES=x1` is not a whole number of 0 or more\n"
        "    3 | INSTANCES=x1\n"
        "      |           ^~\n"
        "./site07/server.cfg: phase prepare (detected: BACKEND=TC at ./site07/server.cfg:1)\n");
  // Nothing found: nothing printed.
  write_file(dir.path() / "site07" / "server.cfg", "BACKEND=TC\n");
  CHECK(run_emglint({"check", "-q", "."}).out.empty());
}

TEST_CASE("the caret counts characters, and no cut leaves half a character") {
  TemporaryDirectory dir;
  ScopedWorkingDirectory in_dir(dir.path());
  write_file("server.cfg", "BACKEND=TC\nCONNECTOR smpp-in <\nINSTANCES=2\nDESCRIPTION=Zürich # für Kunden\n>\n");
  const auto result = run_emglint({"check", "server.cfg"});
  CHECK(result.out.find("    4 | DESCRIPTION=Zürich # für Kunden\n"
                        "      |                    ^\n") != std::string::npos);

  // A long line of two-byte characters: the window, the message's quote and
  // the object each end on a whole character.
  std::string long_line = "LOGLEVEL=INFO #";
  for (int i = 0; i < 200; ++i) long_line += "é";
  write_file("server.cfg", "BACKEND=TC\n" + long_line + "\n");
  const auto long_result = run_emglint({"check", "server.cfg"});
  const auto whole_characters = [](const std::string& text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
      const auto byte = static_cast<unsigned char>(text[at]);
      if (byte == 0xc3) {
        if (at + 1 >= text.size() || static_cast<unsigned char>(text[at + 1]) != 0xa9) return false;
        ++at;
      } else if (byte >= 0x80) {
        return false;
      }
    }
    return true;
  };
  CHECK(long_result.out.find("    2 | LOGLEVEL=INFO #") != std::string::npos);
  CHECK(long_result.out.find("      |               ^\n") != std::string::npos);
  CHECK(whole_characters(long_result.out));
  CHECK(whole_characters(run_emglint({"check", "--format", "json", "server.cfg"}).out));
}

TEST_CASE("colour only on a terminal and never with NO_COLOR unless asked for") {
  TemporaryDirectory dir;
  write_file(dir.path() / "server.cfg", "BACKEND=TC\nBAKEND=TC\n");
  const std::string path = (dir.path() / "server.cfg").string();
  const auto colored = [](const RunResult& result) { return result.out.find("\x1b[") != std::string::npos; };
  CHECK_FALSE(colored(run_emglint({"check", path})));
  CHECK(colored(
      run_emglint({"check", path}, {.stdout_is_terminal = true, .no_color = false, .emgdir = {}, .emglogdir = {}})));
  CHECK_FALSE(colored(
      run_emglint({"check", path}, {.stdout_is_terminal = true, .no_color = true, .emgdir = {}, .emglogdir = {}})));
  CHECK_FALSE(colored(run_emglint({"check", "--color", "never", path},
                                  {.stdout_is_terminal = true, .no_color = false, .emgdir = {}, .emglogdir = {}})));
  CHECK(colored(run_emglint({"check", "--color", "always", path})));
}

TEST_CASE("the same input gives the same bytes") {
  TemporaryDirectory dir;
  for (int i = 0; i < 6; ++i) {
    write_file(dir.path() / ("site" + std::to_string(i)) / "server.cfg", "bakend=TC\nBACKEND=TC\nBACKEND=FILE\n");
  }
  const auto first = run_emglint({"check", "--format", "json", "-j", "3", dir.path().string()});
  for (int i = 0; i < 3; ++i) {
    CHECK(run_emglint({"check", "--format", "json", "-j", "3", dir.path().string()}).out == first.out);
  }
}
