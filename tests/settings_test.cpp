// `.emglint.toml` as a team keeps it: found upward, overridden by the command
// line, and refused with file, line and key when it says something unknown.
#include <catch2/catch.hpp>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

const std::string lower_case_block = "BACKEND=TC\nconnector smpp-in <\nINSTANCES=2\n>\n";

}  // namespace

TEST_CASE("the settings file is found upward from the checked path, and the command line wins over it") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("repo/.emglint.toml", "fail-on = \"info\"\n");
  write_file("repo/sites/a/server.cfg", lower_case_block);

  CHECK(run_emglint({"check", "--phase", "prepare", "repo/sites"}).exit_code == 1);  // EMG008 is an info
  CHECK(run_emglint({"check", "--phase", "prepare", "--fail-on", "error", "repo/sites"}).exit_code == 0);
  write_file("other.toml", "ignore = [\"EMG008\"]\n");
  CHECK(run_emglint({"check", "--phase", "prepare", "--config", "other.toml", "repo/sites"}).exit_code == 0);
}

TEST_CASE("a settings file with an unknown key or a wrong type is exit code 2, naming file, line and key") {
  TemporaryDirectory work;
  ScopedWorkingDirectory in_work(work.path());
  write_file("server.cfg", lower_case_block);
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"fail-on = \"warning\"\nselcet = [\"EMG1\"]\n",
       ".emglint.toml:2: unknown key `selcet`; did you mean `select`?"},
      {"fail_on = \"warning\"\n", ".emglint.toml:1: unknown key `fail_on`; did you mean `fail-on`?"},
      {"colour = true\n", ".emglint.toml:1: unknown key `colour`\n"},
      {"ulimit = \"lots\"\n", ".emglint.toml:1: `ulimit` must be a whole number"},
      {"select = \"EMG1\"\n", ".emglint.toml:1: `select` must be a list of rule IDs"},
      {"\n[severity]\nEMG008 = \"loud\"\n", ".emglint.toml:3: `severity.EMG008` must be error, warning or info"},
      {"[per-file-ignores]\n\"*.cfg\" = [\"EMG9X9\"]\n", ".emglint.toml:2: `per-file-ignores` names `EMG9X9`"},
      {"fail-on = \"warning\n", ".emglint.toml:1: "},
  };
  for (const auto& [text, message] : broken) {
    write_file(".emglint.toml", text);
    const RunResult result = run_emglint({"check", "server.cfg"});
    INFO(text);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(message) != std::string::npos);
  }
}
