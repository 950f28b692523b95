#include "report/file_table.h"

#include <algorithm>

namespace emglint::report {

LineIndex::LineIndex(std::string_view bytes) {
  const std::size_t first = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (first >= bytes.size()) return;
  line_count_ = 1;
  checkpoints_.push_back({.line = 1, .start = first});
  for (std::size_t at = bytes.find('\n', first); at != std::string_view::npos && at + 1 < bytes.size();
       at = bytes.find('\n', at + 1)) {
    ++line_count_;
    const Checkpoint& last = checkpoints_.back();
    if (line_count_ - last.line >= line_index_stride || at + 1 - last.start >= line_index_span) {
      checkpoints_.push_back({.line = line_count_, .start = at + 1});
    }
  }
}

std::size_t LineIndex::start(std::string_view bytes, std::size_t line) const {
  const auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), line,
                                      [](std::size_t wanted, const Checkpoint& point) { return wanted < point.line; });
  const Checkpoint& from = *std::prev(after);
  std::size_t start = from.start;
  for (std::size_t at = from.line; at < line; ++at) start = bytes.find('\n', start) + 1;
  return start;
}

std::string_view SourceFile::line_text(std::size_t line) const {
  if (!has_text || line == 0 || line > lines.size()) return {};
  std::string_view text = std::string_view(bytes).substr(lines.start(bytes, line));
  text = text.substr(0, text.find('\n'));
  if (text.ends_with('\r')) text.remove_suffix(1);
  return text;
}

FileTable::FileTable(const FileTable& other) {
  files_.reserve(other.files_.size());
  for (const auto& file : other.files_) files_.push_back(std::make_unique<SourceFile>(*file));
}

FileTable& FileTable::operator=(const FileTable& other) {
  if (this != &other) *this = FileTable(other);
  return *this;
}

FileId FileTable::add(SourceFile file) {
  files_.push_back(std::make_unique<SourceFile>(std::move(file)));
  return static_cast<FileId>(files_.size() - 1);
}

std::optional<FileId> FileTable::find(std::string_view in_target) const {
  // A target holds a handful of files: a scan is cheaper than an index.
  const auto found =
      std::find_if(files_.begin(), files_.end(), [&](const auto& file) { return file->in_target == in_target; });
  if (found == files_.end()) return std::nullopt;
  return static_cast<FileId>(found - files_.begin());
}

}  // namespace emglint::report
