// How emglint spells paths and URIs: one module, lexical, for every reporter,
// the baseline, per-file ignores and the fix engine.
#include <catch2/catch.hpp>

#include "report/paths.h"

using namespace emglint::report;

TEST_CASE("a path is spelled plainly, and relative to its anchor only when it lies below it") {
  CHECK(normal_path("./sites//site1/") == "sites/site1");
  CHECK(normal_path("sites/x/../site1") == "sites/site1");
  CHECK(normal_path("") == ".");
  CHECK(normal_path("/") == "/");
  CHECK(normal_path("../up") == "../up");

  CHECK(relative_inside("/repo/sites/a/server.cfg", "/repo/") == "sites/a/server.cfg");
  CHECK(relative_inside("/repo", "/repo") == ".");
  CHECK(relative_inside("/repository/x", "/repo") == std::nullopt);
  CHECK(relative_inside("/etc/rc.local", "/repo") == std::nullopt);
  CHECK(relative_inside("repo/x", "/repo") == std::nullopt);  // one absolute, one not

  CHECK(relative_below("a/./b/") == "a/b");
  CHECK(relative_below("a/../../b") == std::nullopt);
  CHECK(relative_below("/etc/rc.local") == std::nullopt);
  CHECK(relative_below(".") == std::nullopt);
}

TEST_CASE("a path becomes a URI byte for byte") {
  CHECK(percent_encoded("sites/zürich 1/server.cfg") == "sites/z%C3%BCrich%201/server.cfg");
  CHECK(file_uri("/home/emg/etc/") == "file:///home/emg/etc");
  CHECK(file_uri("/home/emg/etc", true) == "file:///home/emg/etc/");
  CHECK(file_uri("/a/../b#c") == "file:///b%23c");
}
