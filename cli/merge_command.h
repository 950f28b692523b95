// `emglint merge REPORT...`: the reports of several hosts, as `emglint check
// --host NAME` wrote them, combined into one (merge/fleet.h), and the
// fleet's exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace emglint::cli {

struct MergeArguments {
  std::vector<std::string> reports;
  std::string format = "text";
  std::string output_file;   // empty: standard output
  std::string expect_hosts;  // --expect-hosts FILE; empty: none
  std::string fail_on = "error";
  std::string sarif_runs = "single";
  const CLI::App* command = nullptr;
};

// Adds `merge` to `app`, writing what it parses into `arguments`.
CLI::App* add_merge_command(CLI::App& app, MergeArguments& arguments);

// Throws CLI::ValidationError for options that exclude or need one another.
void require_compatible(const MergeArguments& arguments);

// Reads the reports, writes the merged one, and returns the exit code: 2 when
// a host is `error` or `missing`, else as `check` decides on the findings.
[[nodiscard]] int run_merge(const MergeArguments& arguments, std::ostream& out, std::ostream& err);

}  // namespace emglint::cli
