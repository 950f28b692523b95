#include "inspect/rc_local_facts.h"

#include <sys/stat.h>

#include <filesystem>
#include <variant>

#include "inspect/file_reader.h"

namespace emglint::inspect {

RcLocalFacts inspect_rc_local(const std::string& path) {
  RcLocalFacts facts;
  // Findings name it absolutely: it lies outside the installation.
  facts.path = std::filesystem::absolute(path).lexically_normal().string();
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return facts;
  facts.exists = true;
  facts.executable = (status.st_mode & S_IXUSR) != 0;
  auto content = read_text_file(path);
  if (auto* error = std::get_if<ReadError>(&content)) {
    facts.read_error = error->message;
    return facts;
  }
  facts.content = std::get<std::string>(std::move(content));
  return facts;
}

}  // namespace emglint::inspect
