// Prints how fast emglint parses and checks server.cfg files of growing size,
// and the peak memory it needed. Run: build/bench/parse_perftest
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <string>

#include "check/check.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string generated_config(std::size_t connectors) {
  std::string text = "# generated\nBACKEND=TC\nROTATELOGS=100M:5\nPERSISTFILES\nDBPROFILE=emgdb\n\n";
  text += "DB emgdb <\nTYPE=MYSQL\nHOST=127.0.0.1\nPORT=3306\nUSERNAME=emg\nPASSWORD=secret\nDBNAME=emg\n>\n\n";
  for (std::size_t i = 0; i < connectors; ++i) {
    text += fmt::format(
        "CONNECTOR c{} <\nTYPE=OUTGOING\nPROTOCOL=SMPP\nADDRESS=10.0.{}.{}:2775\nINSTANCES={}\n"
        "USERS=users\n>\n\n",
        i, i / 256 % 256, i % 256, i % 7 + 1);
  }
  return text;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void measure(const std::string& label, const std::string& text) {
  const double megabytes = static_cast<double>(text.size()) / (1024.0 * 1024.0);
  const emglint::check::TargetInput input = emglint::check::config_input("server.cfg", text);
  const auto start = Clock::now();
  const auto report = emglint::check::check_target(input, {}, std::nullopt);
  const double seconds = seconds_since(start);
  fmt::print("{:<28} {:>9.2f} MiB  parse and check {:>7.3f} s ({:>7.1f} MiB/s)  {:>6} findings  peak RSS {:>7} KiB\n",
             label, megabytes, seconds, megabytes / seconds, report.findings.size(), peak_rss_kib());
}

}  // namespace

int main() {
  for (std::size_t connectors : {100u, 10'000u, 100'000u}) {
    measure(fmt::format("{} connectors", connectors), generated_config(connectors));
  }
  measure("one 50 MiB line", "BACKEND=TC\nROTATELOGS=" + std::string(50u << 20, 'x') + "\n");
  std::string garbage(16u << 20, '\0');
  std::uint32_t state = 42;
  for (char& byte : garbage) byte = static_cast<char>((state = state * 1664525u + 1013904223u) >> 24);
  measure("16 MiB of binary garbage", garbage);
  return 0;
}
