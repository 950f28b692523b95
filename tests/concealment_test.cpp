// A password of server.cfg never leaves in any string of a report, whichever
// rule quoted it and whenever: messages, fix descriptions, phase evidence,
// objects, source lines, in every format, --diff, --fix and the baseline file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "analysis/config_index.h"
#include "parser/config_parser.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace emglint::testing;

namespace {

constexpr std::string_view the_password = "Vq8mZr3Lx";
const std::string password_line = "PASSWORD=" + std::string(the_password) + "\n";

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The first six characters of the password, or any six in a row, in any case: what a cut or an
// upper-cased quote would let through.
std::optional<std::string> leaked_part(const std::string& output) {
  const std::string text = lower(output);
  const std::string secret = lower(std::string(the_password));
  for (std::size_t at = 0; at + 6 <= secret.size(); ++at) {
    if (text.find(secret.substr(at, 6)) != std::string::npos) return secret.substr(at, 6);
  }
  return std::nullopt;
}

struct Field {
  const char* what;
  std::string config;
  std::string rc_local;  // empty: none
  const char* phase;
  const char* shows;  // what the text report says, so the field is known to be printed
};

const std::string watchdog = "su emg -c 'cd /home/emg/etc && perl emg_watchdog.pl &'\n";

const std::vector<Field> fields = {
    {"EMG010's object, from a reason quoting it",
     "BACKEND=TC\n" + password_line + "# emglint: ignore-file EMG999 " + std::string(the_password) + "\n", "", "prepare",
     "EMG010"},
    {"a fix description quoting an rc.local line", "BACKEND=TC\n" + password_line,
     "#!/bin/sh -e\n" + watchdog + "ulimit -n 4096 # " + std::string(the_password) + "\nexit 0\n", "prepare", "EMG602"},
    {"a fix description quoting an option", "BACKEND=TC\n" + password_line + "DLR_TO_SAME_IP=" + std::string(the_password) + "\n",
     "", "prepare", "DLR_TO_SAME_IP"},
    {"EMG008's fix, which upper-cases a key", "BACKEND=TC\n" + password_line + lower(std::string(the_password)) + "=1\n", "",
     "prepare", "EMG008"},
    {"phase evidence quoting BACKEND", password_line + "BACKEND=" + std::string(the_password) + "\n", "", "auto",
     "phase"},
    {"phase evidence naming a block", password_line + "DB " + std::string(the_password) + " <\nADDRESS=emg:pw@db:1/emg\n>\n",
     "", "auto", "in the ADDRESS form"},
    {"a value cut after 120 bytes, inside the password",
     "BACKEND=TC\n" + password_line + "CONNECTOR smpp-in <\nPORT=" + std::string(114, 'a') + std::string(the_password) +
         "\n>\n",
     "", "prepare", "PORT"},
    {"a source line that quotes it", "BACKEND=TC\n" + password_line + "FOO " + std::string(the_password) + " x\n", "",
     "prepare", "FOO"},
};

void check_clean(const Field& field, const std::string& how, const RunResult& result) {
  INFO(field.what << ", " << how << "\n" << result.out << result.err);
  CHECK(result.exit_code != 2);
  CHECK(leaked_part(result.out) == std::nullopt);
  CHECK(leaked_part(result.err) == std::nullopt);
}

struct FieldInput {
  TemporaryDirectory work;
  fs::path config;
  std::vector<std::string> arguments;
  explicit FieldInput(const Field& field) : config(work.path() / "server.cfg") {
    write_file(config, field.config);
    arguments = {"--phase", field.phase};
    if (!field.rc_local.empty()) {
      write_file(work.path() / "rc.local", field.rc_local);
      arguments.insert(arguments.end(), {"--rc-local", (work.path() / "rc.local").string()});
    }
  }
  [[nodiscard]] std::vector<std::string> command(std::vector<std::string> words) const {
    words.insert(words.begin(), "check");
    words.insert(words.end(), arguments.begin(), arguments.end());
    words.push_back(config.string());
    return words;
  }
};

}  // namespace

TEST_CASE("no password of server.cfg is printed in any field of any output") {
  for (const Field& field : fields) {
    {
      const FieldInput input(field);
      const RunResult text = run_emglint(input.command({}));
      INFO(field.what << "\n" << text.out);
      CHECK(text.out.find(field.shows) != std::string::npos);
      check_clean(field, "text", text);
    }
    for (const char* format : {"json", "sarif", "github"}) {
      const FieldInput input(field);
      check_clean(field, format, run_emglint(input.command({"--format", format})));
    }
    {
      const FieldInput input(field);
      check_clean(field, "--diff", run_emglint(input.command({"--diff", "--unsafe-fixes"})));
    }
    {
      const FieldInput input(field);
      const fs::path baseline = input.work.path() / "baseline.json";
      check_clean(field, "--write-baseline", run_emglint(input.command({"--write-baseline", baseline.string()})));
      INFO(field.what << ", the baseline file");
      CHECK(leaked_part(read_file(baseline)) == std::nullopt);
    }
    {
      const FieldInput input(field);
      check_clean(field, "--fix", run_emglint(input.command({"--fix", "--unsafe-fixes"})));
      // What --fix writes is the real password, masked only where shown.
      INFO(field.what << ", the fixed file");
      CHECK(read_file(input.config).find(password_line) != std::string::npos);
    }
  }
}

namespace {

// The character of the snippet the caret points at, in a text report of one finding.
char pointed_at(const std::string& report) {
  const std::size_t snippet = report.find(" | ");
  const std::size_t snippet_end = report.find('\n', snippet);
  const std::size_t caret = report.find('^', snippet_end);
  const std::size_t caret_line = report.rfind('\n', caret) + 1;
  const std::size_t snippet_line = report.rfind('\n', snippet) + 1;
  if (snippet == std::string::npos || caret == std::string::npos) return '\0';
  return report[snippet_line + (caret - caret_line)];
}

}  // namespace

TEST_CASE("the caret of a line a masked password shortened points at the same character") {
  // EMG001 at the `@` of 300 + 200 bytes of credentials, masked to `***`; at
  // the `x` after 50 copies of a password.
  const std::string long_address = "ADDRESS u:" + std::string(300, 'p') + "@" + std::string(200, 'p');
  std::string repeated;
  for (int i = 0; i < 50; ++i) repeated += "pw123456";
  const std::vector<std::pair<std::string, char>> configs = {
      {"BACKEND=TC\nDB db1 <\n" + long_address + "\n>\n", '@'},
      {"BACKEND=TC\nDB db1 <\nPASSWORD=pw123456\n>\nFOO " + repeated + " x\n", 'x'},
  };
  for (const auto& [content, target] : configs) {
    TemporaryDirectory work;
    write_file(work.path() / "server.cfg", content);
    const RunResult result = run_emglint({"check", "--phase", "prepare", (work.path() / "server.cfg").string()});
    INFO(content << "\n" << result.out << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("internal error") == std::string::npos);
    CHECK(result.out.find("pw123456") == std::string::npos);
    CHECK(pointed_at(result.out) == target);
  }
}

TEST_CASE("a column of a line maps through its masks") {
  const auto config = emglint::config::parse_config("DB db1 <\nPASSWORD=pw123456\n>\nFOO pw123456 x\n");
  const emglint::analysis::ConfigIndex index(config);
  const emglint::analysis::MaskedText line = index.shown_line(4);
  REQUIRE(line.text == "FOO *** x");
  CHECK(line.shown_begin(0) == 0);
  CHECK(line.shown_begin(4) == 4);   // the password's first byte: the mask's
  CHECK(line.shown_begin(7) == 4);   // inside it: the mask's too
  CHECK(line.shown_begin(13) == 8);  // `x`, five bytes closer
  CHECK(line.shown_end(12) == 7);    // a range ending with the password ends with the mask
  CHECK(line.shown_end(14) == 9);
  CHECK(line.shown_begin(14) == 9);  // the line's end
}

namespace {

// server.cfg of about `size` bytes of passwords, each one byte longer than
// the last, and a text of about `size` bytes that quotes them between other
// words; the automaton's moves to mask it.
std::size_t masking_steps(std::size_t size) {
  std::uint32_t seed = 7;
  const auto letter = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<char>('a' + (seed >> 16) % 26);
  };
  std::string config = "BACKEND=TC\n";
  std::vector<std::string> passwords;
  for (std::size_t length = 6; config.size() < size; ++length) {
    std::string value;
    for (std::size_t i = 0; i < length; ++i) value += letter();
    config += "PASSWORD=" + value + "\n";
    passwords.push_back(std::move(value));
  }
  std::string text;
  for (std::size_t i = 0; text.size() < size; i += 7) {
    text += passwords[i % passwords.size()] + " ";
    for (int j = 0; j < 20; ++j) text += letter();
    text += " ";
  }
  const auto model = emglint::config::parse_config(config);
  const emglint::analysis::ConfigIndex index(model);
  std::size_t steps = 0;
  const emglint::analysis::MaskedText masked = index.masked(text, emglint::analysis::min_masked_in_prose, &steps);
  CHECK(masked.text.find(passwords.front()) == std::string::npos);
  CHECK(masked.text.find(passwords.back()) == std::string::npos);
  CHECK(steps <= 3 * text.size());
  return steps;
}

}  // namespace

TEST_CASE("masking costs the text's length, whatever the number and lengths of the passwords") {
  const std::size_t small = masking_steps(200'000);
  const std::size_t large = masking_steps(400'000);
  INFO(small << " steps, then " << large);
  CHECK(static_cast<double>(large) <= 2.2 * static_cast<double>(small));
}
