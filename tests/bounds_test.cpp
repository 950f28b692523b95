// Bounded cost per file: what odd inputs (huge lines, deep nesting, thousands
// of suppressions) may cost, checked by what is kept and by a count of the
// work done as an input doubles, never by time.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "check/check.h"
#include "cli/project_settings.h"
#include "inspect/file_reader.h"
#include "inspect/installation.h"
#include "parser/rc_local.h"
#include "report/work_counter.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint;
using namespace emglint::testing;

namespace {

// The steps counted while `work` runs on an input of size n.
std::uint64_t work_for(std::size_t n, const std::function<void(std::size_t)>& work) {
  report::work_steps = 0;
  work(n);
  return report::work_steps;
}

// Doubling the input at most about doubles the work: nothing quadratic.
void check_linear(const std::function<void(std::size_t)>& work, std::size_t n) {
  const std::uint64_t single = work_for(n, work);
  const std::uint64_t doubled = work_for(2 * n, work);
  INFO("work for N: " << single << ", for 2N: " << doubled);
  REQUIRE(single > 0);
  CHECK(static_cast<double>(doubled) <= 2.2 * static_cast<double>(single));
}

}  // namespace

TEST_CASE("rc.local: subshells nested past the bound are counted, not told apart, and the line noted") {
  const std::size_t deep = rclocal::max_followed_nesting + 10;
  const auto model = rclocal::parse_rc_local("#!/bin/sh\n" + std::string(deep, '(') + "ulimit -n 4096" +
                                             std::string(deep, ')') + "\nemg_watchdog &\n");
  REQUIRE(model.commands.size() == 2);
  CHECK(model.commands[0].subshells.size() == rclocal::max_followed_nesting);
  CHECK(model.commands[0].in_subshell);
  CHECK(model.commands[1].subshells.empty());  // every `)` closed what its `(` opened
  CHECK(model.nesting_beyond_bound == 2);

  const auto shallow = rclocal::parse_rc_local("(((ulimit -n 4096)))\n");
  CHECK_FALSE(shallow.nesting_beyond_bound);
}

TEST_CASE("rc.local: four million `(` are read without a token list or a chain per level") {
  std::string script(4'000'000, '(');
  script += "\n(\necho x\n";
  const auto model = rclocal::parse_rc_local(std::move(script));
  CHECK(model.nesting_beyond_bound == 1);
  REQUIRE(model.commands.size() == 1);
  CHECK(model.commands[0].subshells.size() == rclocal::max_followed_nesting);
}

TEST_CASE("rc.local: the work on a line of `!` words grows with its length, not its square") {
  check_linear(
      [](std::size_t words) {
        std::string line = "#!/bin/sh\n";
        for (std::size_t i = 0; i < words; ++i) line += "! ";
        const auto model = rclocal::parse_rc_local(line + "ulimit -n 4096\n");
        CHECK(model.commands.size() == 1);
      },
      20'000);
}
