#include "inspect/rc_local_facts.h"

#include <sys/stat.h>

#include <charconv>
#include <filesystem>
#include <string_view>
#include <variant>

#include "inspect/file_reader.h"

namespace emglint::inspect {

RcLocalFacts inspect_rc_local(const std::string& path, std::size_t max_bytes) {
  RcLocalFacts facts;
  // Findings name it absolutely: it lies outside the installation.
  facts.path = std::filesystem::absolute(path).lexically_normal().string();
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return facts;
  facts.exists = true;
  facts.executable = (status.st_mode & S_IXUSR) != 0;
  auto content = read_text_file(path, max_bytes);
  if (auto* error = std::get_if<ReadError>(&content)) {
    facts.read_error = error->message;
    facts.too_large = error->too_large;
    return facts;
  }
  facts.content = std::get<std::string>(std::move(content));
  return facts;
}

std::optional<std::int64_t> read_nr_open(const std::string& path) {
  std::optional<std::int64_t> nr_open;
  // /proc reports a size of 0: read it line by line, not by its size.
  const auto error = for_each_line(path, [&](std::string_view line) {
    if (nr_open) return;
    std::int64_t number = 0;
    const auto [end, problem] = std::from_chars(line.data(), line.data() + line.size(), number);
    if (problem == std::errc{} && end == line.data() + line.size() && number > 0) nr_open = number;
  });
  return error ? std::nullopt : nr_open;
}

}  // namespace emglint::inspect
