#include "report/file_table.h"

#include <algorithm>

namespace emglint::report {

std::string_view SourceFile::line_text(std::size_t line) const {
  if (!has_text || line == 0 || line > line_starts.size()) return {};
  const std::size_t begin = line_starts[line - 1];
  const std::size_t next = line < line_starts.size() ? line_starts[line] : bytes.size();
  std::string_view text = std::string_view(bytes).substr(begin, next - begin);
  if (text.ends_with('\n')) text.remove_suffix(1);
  if (text.ends_with('\r')) text.remove_suffix(1);
  return text;
}

FileId FileTable::add(SourceFile file) {
  files_.push_back(std::move(file));
  return static_cast<FileId>(files_.size() - 1);
}

std::optional<FileId> FileTable::find(std::string_view in_target) const {
  // A target holds a handful of files: a scan is cheaper than an index.
  const auto found =
      std::find_if(files_.begin(), files_.end(), [&](const SourceFile& file) { return file.in_target == in_target; });
  if (found == files_.end()) return std::nullopt;
  return static_cast<FileId>(found - files_.begin());
}

std::vector<std::size_t> index_lines(std::string_view bytes) {
  std::vector<std::size_t> starts;
  const std::size_t first = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (first < bytes.size()) starts.push_back(first);
  for (std::size_t at = bytes.find('\n', first); at != std::string_view::npos; at = bytes.find('\n', at + 1)) {
    if (at + 1 < bytes.size()) starts.push_back(at + 1);
  }
  return starts;
}

}  // namespace emglint::report
