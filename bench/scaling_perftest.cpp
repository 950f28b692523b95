// Prints how the check grows with its input where it once grew quadratically,
// each at a size N and 4N beside the floor it must meet (4N at most 5 times N),
// and the time and peak memory of writing a 10,000-config repository's report
// as JSON and as text (JSON at most 1.3 times text).
// Run: build/bench/scaling_perftest [N]   (default N = 5000)
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <streambuf>
#include <string>

#include "check/check.h"
#include "cli/run.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Run {
  double seconds = 0;
  long peak_rss_kib = 0;
};

// Runs `work` in a child process, so that each figure has its own peak memory.
Run measured(const std::function<void()>& work) {
  const auto start = Clock::now();
  const pid_t child = ::fork();
  if (child == 0) {
    work();
    std::_Exit(0);
  }
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "a measured run failed\n");
    std::exit(1);
  }
  return {seconds, usage.ru_maxrss};
}

void check_in_memory(const std::string& text, emglint::report::Phase phase) {
  emglint::check::CheckOptions options;
  options.settings.max_findings = 0;  // every finding made, so the rule's own work is what grows
  const auto input = emglint::check::config_input("server.cfg", text);
  const auto report = emglint::check::check_target(input, options, phase);
  if (report.findings.empty()) std::_Exit(3);
}

std::string legacy_db_blocks(std::size_t count) {
  std::string text = "BACKEND=TC\n";
  for (std::size_t i = 0; i < count; ++i) {
    text +=
        fmt::format("DB db{} <\nTYPE=MYSQL\nHOST=10.0.0.{}\nPORT=3306\nUSERNAME=emg\nPASSWORD=pw{}\nDBNAME=emg\n>\n", i,
                    i % 250, i);
  }
  return text;
}

std::string address_db_blocks(std::size_t count) {
  std::string text = "BACKEND=TC\n";
  for (std::size_t i = 0; i < count; ++i) {
    text += fmt::format("DB db{} <\nTYPE=MYSQL\nADDRESS=emg:secret{}@10.0.0.{}:3306/emg\n>\n", i, i, i % 250);
  }
  return text;
}

std::string undefined_profiles(std::size_t count) {
  std::string text = "BACKEND=TC\n";
  for (std::size_t i = 0; i < count; ++i) text += fmt::format("DB db{} <\nTYPE=MYSQL\n>\n", i);
  for (std::size_t i = 0; i < count; ++i) text += fmt::format("PLUGIN p{} <\nDBPROFILE=missing{}\n>\n", i, i);
  return text;
}

void scaling(const std::string& label, std::size_t n, const std::function<std::string(std::size_t)>& generate,
             emglint::report::Phase phase) {
  const std::string small = generate(n);
  const std::string large = generate(4 * n);
  const Run first = measured([&] { check_in_memory(small, phase); });
  const Run second = measured([&] { check_in_memory(large, phase); });
  const double ratio = second.seconds / first.seconds;
  fmt::print("{:<44} N: {:>8.3f} s {:>7} KiB  4N: {:>8.3f} s {:>7} KiB  4N/N {:>5.2f} (floor 5.00) {}\n", label,
             first.seconds, first.peak_rss_kib, second.seconds, second.peak_rss_kib, ratio,
             ratio <= 5.0 ? "ok" : "TOO SLOW");
}

// Discards what it is given, after the reporter has formatted it.
class NullBuffer final : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

// Each config draws six findings: EMG101, EMG201, EMG202, EMG003, EMG006, EMG008.
void write_repository(const fs::path& root, std::size_t configs) {
  for (std::size_t i = 0; i < configs; ++i) {
    const fs::path directory = root / fmt::format("site{:05}", i);
    fs::create_directories(directory);
    std::ofstream(directory / "server.cfg") << fmt::format(
        "# site {}\nROTATELOGS=100M:5\nROTATELOGS=10M:5\nloglevel=1\nDLR_TO_SAME_IP\n"
        "CONNECTOR smpp{} <\nTYPE=OUTGOING\nINSTANCES=ten\n>\n",
        i, i);
  }
}

Run report_repository(const fs::path& root, const std::string& format) {
  return measured([&] {
    NullBuffer discard;
    std::ostream out(&discard);
    std::ostringstream err;
    const int code =
        emglint::cli::run({"check", "--phase", "prepare", "--format", format, "-j", "1", root.string()}, {}, out, err);
    if (code != 1) std::_Exit(4);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 5000;
  using emglint::report::Phase;
  scaling(fmt::format("EMG701 at commit, {} legacy DB blocks", n), n, legacy_db_blocks, Phase::commit);
  scaling(fmt::format("secrets masked, {} DB blocks with ADDRESS", n), n, address_db_blocks, Phase::prepare);
  scaling(fmt::format("EMG705, {} undefined DBPROFILEs", n), n, undefined_profiles, Phase::prepare);

  const fs::path root = fs::temp_directory_path() / fmt::format("emglint-repository-{}", ::getpid());
  write_repository(root, 10'000);
  const Run text = report_repository(root, "text");
  const Run json = report_repository(root, "json");
  fs::remove_all(root);
  const double ratio = json.seconds / text.seconds;
  fmt::print("{:<44} text: {:>6.3f} s {:>7} KiB  json: {:>6.3f} s {:>7} KiB  json/text {:>4.2f} (floor 1.30) {}\n",
             "10,000 configs, 60,000 findings", text.seconds, text.peak_rss_kib, json.seconds, json.peak_rss_kib, ratio,
             ratio <= 1.3 ? "ok" : "TOO SLOW");
  return 0;
}
