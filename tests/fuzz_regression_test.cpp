// Every input a fuzz target once failed on stays fixed: the files of
// tests/fuzz/regressions/TARGET/ run through that target (fuzz_targets.cpp)
// in every test run, not only under libFuzzer.
#include <catch2/catch.hpp>

#include "fuzz/fuzz_targets.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

TEST_CASE("every input a fuzz target failed on runs through it cleanly") {
  const fs::path regressions = source_dir() / "tests" / "fuzz" / "regressions";
  REQUIRE(fs::is_directory(regressions));
  for (const auto& folder : fs::directory_iterator(regressions)) {
    if (!folder.is_directory()) continue;
    INFO(folder.path().filename().string());
    const emglint::fuzz::FuzzTarget* target = emglint::fuzz::find_fuzz_target(folder.path().filename().string());
    REQUIRE(target != nullptr);
    for (const auto& input : fs::directory_iterator(folder.path())) {
      INFO(input.path().filename().string());
      const auto problem = target->run(read_file(input.path()));
      CHECK_FALSE(problem);
      if (problem) UNSCOPED_INFO(*problem);
    }
  }
}

TEST_CASE("the password oracle of the fuzz targets finds a password it must hide") {
  const std::string config =
      "BACKEND=TC\nDB emgdb <\nADDRESS=emg:Zq8pw4711@db1:3306/emg\n>\nCONNECTOR a <\nPASSWORD=Short\n>\n";
  CHECK(emglint::fuzz::passwords_to_hide(config) == std::vector<std::string>{"Zq8pw4711"});
  // Appearing elsewhere in the input, it may be shown for that.
  CHECK(emglint::fuzz::passwords_to_hide(config + "# Zq8pw4711\n").empty());
  const emglint::fuzz::FuzzTarget* check = emglint::fuzz::find_fuzz_target("check");
  REQUIRE(check != nullptr);
  CHECK_FALSE(check->run(config));
  // A password that is also a word emglint prints on its own (the rule pages
  // SARIF carries say "section") is shown whatever the password: no leak.
  const std::string section = "BACKEND=TC\nDB emgdb <\nPASSWORD=section\n>\n";
  CHECK(emglint::fuzz::passwords_to_hide(section) == std::vector<std::string>{"section"});
  CHECK_FALSE(check->run(section));
}
