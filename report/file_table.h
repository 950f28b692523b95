// The files one target's check read or names: server.cfg, rc.local, the log,
// and the bin/ paths findings are about. Findings and edits refer to a file by
// its FileId; reporters derive display paths and URIs from its entry, and a
// fix checks the content hash before it writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::report {

using FileId = std::uint32_t;

struct SourceFile {
  std::string in_target;  // relative to the target ("server.cfg", "bin/emgd"); absolute outside it
  std::string display;    // as a user opens it from where emglint ran ("site1/server.cfg", "/etc/rc.local")
  std::string in_root;    // relative to the PATH the user gave, '/'-separated; absolute outside it
  std::string real_path;  // canonical and absolute; empty when it cannot be resolved
  bool inside_target = true;
  // Set for a file whose text was read (server.cfg, rc.local): its bytes as
  // read, their hash, and where each line starts (line 1 after a byte order mark).
  bool has_text = false;
  std::string bytes;
  std::uint64_t content_hash = 0;
  std::vector<std::size_t> line_starts;

  // The 1-based line's text without its terminator; empty when out of range or not read.
  [[nodiscard]] std::string_view line_text(std::size_t line) const;
};

class FileTable {
 public:
  FileId add(SourceFile file);
  [[nodiscard]] const SourceFile& operator[](FileId id) const { return files_[id]; }
  [[nodiscard]] SourceFile& operator[](FileId id) { return files_[id]; }
  [[nodiscard]] std::optional<FileId> find(std::string_view in_target) const;
  [[nodiscard]] std::size_t size() const { return files_.size(); }
  [[nodiscard]] const std::vector<SourceFile>& files() const { return files_; }

 private:
  std::vector<SourceFile> files_;
};

// Where each line of `bytes` starts: line 1 at 0, or after a UTF-8 byte order
// mark; a final line terminator starts no further line.
[[nodiscard]] std::vector<std::size_t> index_lines(std::string_view bytes);

}  // namespace emglint::report
