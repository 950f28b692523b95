// The files one target's check read or names: server.cfg, rc.local, the log,
// and the bin/ paths findings are about. Findings and edits refer to a file by
// its FileId; reporters derive display paths and URIs from its entry, and a
// fix checks the content hash before it writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emglint::report {

using FileId = std::uint32_t;

inline constexpr std::size_t line_index_stride = 64;
inline constexpr std::size_t line_index_span = 4096;

// Where a file's lines start, kept sparse: the start of one line in every
// few dozen, or every few KiB, and the others found by reading on from there.
// A full index would cost 8 bytes a line beside the model's own, more than a
// file of short lines is itself (issue 15 bounds a check's memory); finding a
// line reads at most line_index_stride lines or line_index_span bytes before it.
class LineIndex {
 public:
  LineIndex() = default;
  // Line 1 starts at 0, or after a UTF-8 byte order mark; a final line
  // terminator starts no further line.
  explicit LineIndex(std::string_view bytes);

  [[nodiscard]] std::size_t size() const { return line_count_; }
  // Where the 1-based `line` of `bytes`, the bytes the index was made of, starts.
  [[nodiscard]] std::size_t start(std::string_view bytes, std::size_t line) const;

 private:
  struct Checkpoint {
    std::size_t line;  // 1-based
    std::size_t start;
  };
  std::vector<Checkpoint> checkpoints_;  // by line
  std::size_t line_count_ = 0;
};

struct SourceFile {
  std::string in_target;  // relative to the target ("server.cfg", "bin/emgd"); absolute outside it
  std::string display;    // as a user opens it from where emglint ran ("site1/server.cfg", "/etc/rc.local")
  std::string in_root;    // relative to the PATH the user gave, '/'-separated; absolute outside it
  std::string real_path;  // canonical and absolute; empty when it cannot be resolved
  bool inside_target = true;
  // Set for a file whose text was read (server.cfg, rc.local): its bytes as
  // read, their hash, and where its lines start (line 1 after a byte order mark).
  bool has_text = false;
  std::string bytes;
  std::uint64_t content_hash = 0;
  LineIndex lines;

  // The 1-based line's text without its terminator; empty when out of range or not read.
  [[nodiscard]] std::string_view line_text(std::size_t line) const;
};

// A file's entry never moves once added, nor when the table moves: a model
// of its bytes, or a view of its name, taken while the check adds further
// files, stays valid. A copy of the table copies the files.
class FileTable {
 public:
  FileTable() = default;
  FileTable(const FileTable& other);
  FileTable& operator=(const FileTable& other);
  FileTable(FileTable&&) noexcept = default;
  FileTable& operator=(FileTable&&) noexcept = default;
  ~FileTable() = default;

  FileId add(SourceFile file);
  [[nodiscard]] const SourceFile& operator[](FileId id) const { return *files_[id]; }
  [[nodiscard]] SourceFile& operator[](FileId id) { return *files_[id]; }
  [[nodiscard]] std::optional<FileId> find(std::string_view in_target) const;
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

}  // namespace emglint::report
