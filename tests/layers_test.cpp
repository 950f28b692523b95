// The folders are layers, and includes point one way (style.md, "Our shape"):
// cli -> {reporters, fix, merge, plan, check}, merge -> reporters, plan -> check, fix -> check ->
// rules -> analysis -> {inspect, parser}, and every layer may use report,
// which uses nothing. A layer may use
// what lies below the layers it points at; nothing may point back up.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

// Each layer with every layer it may include, its own included.
const std::map<std::string, std::set<std::string>> may_use = {
    {"report", {"report"}},
    {"parser", {"parser", "report"}},
    {"inspect", {"inspect", "parser", "report"}},
    {"analysis", {"analysis", "inspect", "parser", "report"}},
    {"rules", {"rules", "analysis", "inspect", "parser", "report"}},
    {"check", {"check", "rules", "analysis", "inspect", "parser", "report"}},
    {"reporters", {"reporters", "report"}},
    {"merge", {"merge", "reporters", "report"}},
    {"fix", {"fix", "check", "rules", "analysis", "inspect", "parser", "report"}},
    {"plan", {"plan", "check", "rules", "analysis", "inspect", "parser", "report"}},
    {"cli", {"cli", "reporters", "merge", "fix", "plan", "check", "rules", "analysis", "inspect", "parser", "report"}},
};

}  // namespace

TEST_CASE("includes point one way between the layers, and PEGTL stays in parser/") {
  const std::regex project_include(R"(^\s*#\s*include\s+"([a-z_]+)/[^"]+")");
  const std::regex pegtl_include(R"(^\s*#\s*include\s+<tao/pegtl)");
  std::size_t files = 0;
  for (const auto& [layer, allowed] : may_use) {
    const fs::path folder = source_dir() / layer;
    REQUIRE(fs::is_directory(folder));
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
      const auto extension = entry.path().extension();
      if (extension != ".h" && extension != ".cpp") continue;
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      for (std::size_t number = 1; std::getline(in, line); ++number) {
        // The expressions are slow unoptimized, under the sanitizers: only include lines need them.
        if (line.find("include") == std::string::npos) continue;
        std::smatch match;
        INFO(fs::relative(entry.path(), source_dir()).string() << ":" << number << ": " << line);
        if (std::regex_search(line, match, project_include)) CHECK(allowed.count(match[1]) == 1);
        if (layer != "parser") CHECK_FALSE(std::regex_search(line, pegtl_include));
      }
    }
  }
  CHECK(files > 100);
}

TEST_CASE("every source folder is a layer the README's layout names") {
  const std::string readme = read_file(source_dir() / "README.md");
  for (const auto& [layer, allowed] : may_use) {
    INFO(layer);
    CHECK(readme.find("\n" + layer + "/") != std::string::npos);
  }
  for (const auto& entry : fs::directory_iterator(source_dir())) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    bool has_code = false;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      has_code = has_code || file.path().extension() == ".cpp" || file.path().extension() == ".h";
    }
    if (!has_code || name == "tests" || name == "bench") continue;
    INFO(name << "/ holds C++ but is not a layer of the shape");
    CHECK(may_use.count(name) == 1);
  }
}
