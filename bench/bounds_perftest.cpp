// Prints what odd inputs cost: for each, the peak memory of a whole check as
// a multiple of the input's size beside the floor of 50 times, and for the
// inputs that once grew quadratically, how the counted work grows when the
// input doubles, beside the floor of 2.
// Run: build/bench/bounds_perftest [LOG_MIB]   (default 512: the size of the log without a newline)
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <streambuf>
#include <string>

#include "check/check.h"
#include "cli/run.h"
#include "parser/rc_local.h"
#include "report/work_counter.h"

namespace {

namespace fs = std::filesystem;

constexpr double memory_floor = 50.0;
constexpr double doubling_floor = 2.0;

// Discards what it is given.
class NullBuffer final : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize count) override { return count; }
};

// The peak resident memory of `emglint ARGUMENTS` run in a child process, in bytes.
long long peak_bytes_of_run(const std::vector<std::string>& arguments) {
  const pid_t child = ::fork();
  if (child == 0) {
    NullBuffer discard;
    std::ostream out(&discard);
    std::ostringstream err;
    const int code = emglint::cli::run(arguments, {}, out, err);
    std::_Exit(code == 2 ? 2 : 0);
  }
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "emglint {} failed\n", fmt::join(arguments, " "));
    std::exit(1);
  }
  return static_cast<long long>(usage.ru_maxrss) * 1024;
}

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// `(peak - baseline) / input`: what the input itself costs, beyond the program's own footprint.
void print_memory(const std::string& label, long long input_bytes, long long peak, long long baseline) {
  const double multiple = static_cast<double>(peak - baseline) / static_cast<double>(input_bytes);
  fmt::print("{:<46} input {:>7.1f} MiB  peak {:>7.1f} MiB  {:>6.1f} x input (floor {:.0f}) {}\n", label,
             static_cast<double>(input_bytes) / (1 << 20), static_cast<double>(peak) / (1 << 20), multiple,
             memory_floor, multiple <= memory_floor ? "ok" : "TOO MUCH");
}

void memory_figures(const fs::path& root, std::size_t log_mib) {
  const fs::path tiny = root / "tiny" / "server.cfg";
  write(tiny, "BACKEND=TC\n");
  const long long baseline = peak_bytes_of_run({"check", "--phase", "prepare", tiny.string()});
  fmt::print("{:<46} peak {:>7.1f} MiB (subtracted below)\n", "the program on a one-line server.cfg",
             static_cast<double>(baseline) / (1 << 20));

  // Each input is written, and dropped from this process, before the child that reads it is forked.
  const auto config = [&](const std::string& label, const std::string& name, const std::function<std::string()>& make) {
    const fs::path path = root / name / "server.cfg";
    long long size = 0;
    {
      const std::string text = make();
      size = static_cast<long long>(text.size());
      write(path, text);
    }
    print_memory(label, size, peak_bytes_of_run({"check", "--phase", "prepare", path.string()}), baseline);
  };
  config("server.cfg of 8 MiB of `A` lines", "a-lines", [] {
    std::string lines;
    for (std::size_t i = 0; i < (4u << 20); ++i) lines += "A\n";
    return lines;
  });
  config("server.cfg of 4 MiB of blank lines", "blank-lines", [] { return std::string(4u << 20, '\n'); });

  const fs::path rc_local = root / "rc.local";
  const long long parentheses = 4'000'000;
  write(rc_local, std::string(static_cast<std::size_t>(parentheses), '('));
  print_memory("rc.local of 4 million `(`", parentheses,
               peak_bytes_of_run({"check", "--phase", "prepare", "--rc-local", rc_local.string(), tiny.string()}),
               baseline);

  const fs::path installation = root / "emg";
  write(installation / "server.cfg", "BACKEND=TC\n");
  write(installation / "bin" / "emgd", "");
  {
    std::ofstream log(installation / "log" / "general", std::ios::binary);
    const std::string mebibyte(1u << 20, 'x');
    for (std::size_t i = 0; i < log_mib; ++i) log << mebibyte;
  }
  const long long log_bytes = static_cast<long long>(log_mib) << 20;
  const long long peak =
      peak_bytes_of_run({"check", "--phase", "prepare", "--offline", "--no-rc-local", installation.string()});
  print_memory(fmt::format("log/general of {} MiB without a newline", log_mib), log_bytes, peak, baseline);
  fmt::print("{:<46} held beyond the program {:>7.1f} MiB (floor 64 MiB) {}\n", "  the log's reader",
             static_cast<double>(peak - baseline) / (1 << 20), peak - baseline <= (64ll << 20) ? "ok" : "TOO MUCH");
}

std::uint64_t work_of(const std::function<void()>& run) {
  emglint::report::work_steps = 0;
  run();
  return emglint::report::work_steps;
}

void print_doubling(const std::string& label, std::size_t n, const std::function<void(std::size_t)>& run) {
  const std::uint64_t single = work_of([&] { run(n); });
  const std::uint64_t doubled = work_of([&] { run(2 * n); });
  const double ratio = static_cast<double>(doubled) / static_cast<double>(single);
  fmt::print("{:<46} work N {:>9}  2N {:>9}  2N/N {:>5.2f} (floor {:.2f}) {}\n", label, single, doubled, ratio,
             doubling_floor, ratio <= doubling_floor * 1.1 ? "ok" : "TOO MUCH");
}

void check_config(const std::string& text) {
  emglint::check::CheckOptions options;
  options.settings.max_findings = 0;
  const auto input = emglint::check::config_input("server.cfg", text);
  (void)emglint::check::check_target(input, options, emglint::report::Phase::prepare);
}

std::string suppression_pairs(std::string_view directive, std::size_t pairs) {
  std::string text = "BACKEND=TC\n";
  for (std::size_t i = 0; i < pairs; ++i) text += fmt::format("# emglint: {} EMG008\nloglevel=INFO\n", directive);
  return text;
}

void doubling_figures() {
  print_doubling("rc.local line of 50,000 `!` words", 50'000, [](std::size_t words) {
    std::string line;
    for (std::size_t i = 0; i < words; ++i) line += "! ";
    (void)emglint::rclocal::parse_rc_local("#!/bin/sh\n" + line + "ulimit -n 4096\n");
  });
  print_doubling("10,000 `ignore EMG008` + `loglevel=INFO`", 10'000,
                 [](std::size_t pairs) { check_config(suppression_pairs("ignore", pairs)); });
  print_doubling("10,000 `ignore-file EMG008` + `loglevel=INFO`", 10'000,
                 [](std::size_t pairs) { check_config(suppression_pairs("ignore-file", pairs)); });
  print_doubling("10,000 `ignore EMG008` before one line", 10'000, [](std::size_t comments) {
    std::string text = "BACKEND=TC\n";
    for (std::size_t i = 0; i < comments; ++i) text += "# emglint: ignore EMG008\n";
    check_config(text + "loglevel=INFO\n");
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t log_mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 512;
  const fs::path root = fs::temp_directory_path() / fmt::format("emglint-bounds-{}", ::getpid());
  memory_figures(root, log_mib);
  fs::remove_all(root);
  doubling_figures();
  return 0;
}
