#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/run.h"

int main(int argc, char** argv) {
  const char* no_color = std::getenv("NO_COLOR");
  const char* emgdir = std::getenv("EMGDIR");
  const char* emglogdir = std::getenv("EMGLOGDIR");
  const emglint::cli::Environment environment{
      .stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1,
      .stderr_is_terminal = ::isatty(STDERR_FILENO) == 1,
      .no_color = no_color != nullptr && *no_color != '\0',
      .emgdir = emgdir != nullptr ? emgdir : "",
      .emglogdir = emglogdir != nullptr ? emglogdir : "",
  };
  std::ios::sync_with_stdio(false);
  const int code = emglint::cli::run({argv + 1, argv + argc}, environment, std::cout, std::cerr);
  std::cout.flush();
  return std::cout ? code : emglint::cli::exit_code::trouble;
}
