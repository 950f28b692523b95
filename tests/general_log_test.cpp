// What the analysis layer takes the lines of log/general to be; inspect keeps
// the lines by it as it reads the log once.
#include <catch2/catch.hpp>

#include "analysis/general_log.h"

using namespace emglint;
using inspect::LogLineKind;

TEST_CASE("a start-up line is of 7.2 when the version it names is") {
  CHECK(analysis::classify_log_line("Nov 24 09:12:01 INFO emgd 7.2.1-50001 starting") == LogLineKind::start_of_7_2);
  CHECK(analysis::classify_log_line("Nov 25 10:00:00 INFO emgd 7.1.3-48765 Starting") == LogLineKind::start);
  CHECK(analysis::classify_log_line("Nov 25 10:00:00 INFO emgd STARTING") == LogLineKind::start);
  // `starting` must be a word of its own.
  CHECK(analysis::classify_log_line("INFO restartingly") == LogLineKind::other);
}

TEST_CASE("a start-up line is never a problem line, whatever words it holds") {
  CHECK(analysis::classify_log_line("ERROR emgd 7.2.1-50001 starting after a crash") == LogLineKind::start_of_7_2);
  CHECK(analysis::classify_log_line("Nov 25 10:00:01 ERROR cannot bind") == LogLineKind::problem);
  CHECK(analysis::classify_log_line("Nov 25 10:00:01 INFO ERRORS: 0") == LogLineKind::other);
}

TEST_CASE("a problem line is named by its most severe word") {
  CHECK(analysis::problem_log_word("WARNING then ERROR then FATAL") == "FATAL");
  CHECK(analysis::problem_log_word("CRITICAL: WARNING") == "CRITICAL");
  CHECK(analysis::problem_log_word("[ERROR] queue full") == "ERROR");
  CHECK_FALSE(analysis::problem_log_word("error in lower case is no token"));
}
