// What ConfigIndex and the file table's line index answer by searching, where
// they once kept an entry a line: the same answers, for every line.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "analysis/config_index.h"
#include "parser/config_parser.h"
#include "report/file_table.h"

using emglint::analysis::ConfigIndex;
using emglint::config::parse_config;

TEST_CASE("ConfigIndex tells what each line is about, blocks and general options mixed") {
  // Each line, and what it is about.
  const std::vector<std::pair<std::string, std::string>> lines = {
      {"# head", "line `# head`"},
      {"BACKEND=TC", "general/BACKEND"},
      {"CONNECTOR a <", "CONNECTOR a"},
      {"INSTANCES=2", "CONNECTOR a/INSTANCES"},
      {"", "line ``"},
      {"USERNAME=u", "CONNECTOR a/USERNAME"},
      {">", "CONNECTOR a"},
      {"loglevel=1", "general/loglevel"},
      {"DB main <", "DB main"},
      {"PASSWORD=secret1", "DB main/PASSWORD"},
      {">", "DB main"},
      {"backend=TC", "general/backend"},
      {"CONNECTOR b <", "CONNECTOR b"},
      {"PORT=1", "CONNECTOR b/PORT"},
      {"CONNECTOR c <", "CONNECTOR c"},  // opened while b is: b is never closed
      {"PORT=2", "CONNECTOR c/PORT"},
      {"garbage line", "line `garbage line`"},
      {"PASSWORD=secret2", "CONNECTOR c/PASSWORD"},
  };
  std::string source;
  for (const auto& [text, object] : lines) source += text + "\n";
  const auto config = parse_config(source);
  const ConfigIndex index(config);
  REQUIRE(config.lines.size() == lines.size());
  for (std::size_t line = 1; line <= lines.size(); ++line) {
    INFO("line " << line);
    CHECK(index.object_at(line) == lines[line - 1].second);
  }
  CHECK(index.object_at(0) == "line ``");
  CHECK(index.object_at(lines.size() + 1) == "line ``");

  for (std::size_t line = 0; line <= lines.size() + 1; ++line) {
    INFO("line " << line);
    const auto secrets = index.secrets_on(line);
    CHECK(secrets.size() == (line == 10 || line == 18 ? 1u : 0u));
    for (const auto& secret : secrets) CHECK(secret.line == line);
  }

  const auto backends = index.general("Backend");
  REQUIRE(backends.size() == 2);
  CHECK(backends[0]->line() == 2);
  CHECK(backends[1]->line() == 12);
  CHECK(index.active_backend() == backends[1]);
  CHECK(index.general("LOGLEVEL").size() == 1);
  CHECK(index.general("PORT").empty());
  CHECK(index.general("").empty());
  REQUIRE(index.db_profile("MAIN") != nullptr);
  CHECK(index.db_profile("MAIN")->line() == 9);
  CHECK(index.db_profile("other") == nullptr);

  std::vector<std::size_t> option_lines;
  for (const auto& option : index.options()) option_lines.push_back(option.line());
  CHECK(option_lines == std::vector<std::size_t>{2, 8, 12, 4, 6, 10, 14, 16, 18});
}

TEST_CASE("the first DB block of a name is its profile, in any case") {
  const auto config = parse_config("DB x <\n>\nDB Y <\n>\nDB X <\n>\nDB y <\n>\n");
  const ConfigIndex index(config);
  CHECK(index.db_profiles().size() == 4);
  CHECK(index.db_profile("x")->line() == 1);
  CHECK(index.db_profile("y")->line() == 3);
}

TEST_CASE("the file table's sparse line index finds every line") {
  const std::string bom = "\xEF\xBB\xBF";
  std::vector<std::string> sources = {"", bom, "a", "a\n", "\n\n", bom + "a\r\nb"};
  std::string many;
  for (int i = 0; i < 1000; ++i) many += std::string(static_cast<std::size_t>(i % 7), 'x') + "\n";
  sources.push_back(many);
  std::string long_lines;
  for (int i = 0; i < 50; ++i) long_lines += std::string(static_cast<std::size_t>(i * 997), 'y') + "\r\n";
  sources.push_back(long_lines + "last");
  for (const std::string& source : sources) {
    INFO(source.size() << " bytes");
    std::vector<std::size_t> starts;  // what a full index would hold
    const std::size_t first = source.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (first < source.size()) starts.push_back(first);
    for (std::size_t at = source.find('\n', first); at != std::string::npos && at + 1 < source.size();
         at = source.find('\n', at + 1)) {
      starts.push_back(at + 1);
    }
    const emglint::report::LineIndex lines(source);
    REQUIRE(lines.size() == starts.size());
    for (std::size_t line = 1; line <= starts.size(); ++line) CHECK(lines.start(source, line) == starts[line - 1]);
  }
}
