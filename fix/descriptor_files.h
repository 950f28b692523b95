// Files read, checked, created and replaced through directory descriptors:
// the fix executor's few primitives. Every failure throws StepFailure; a
// temporary name is removed again unless it was renamed away.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fix/beneath.h"
#include "inspect/file_descriptor.h"
#include "report/finding.h"

namespace emglint::fix {

struct Ownership {
  uid_t uid = 0;
  gid_t gid = 0;
};

// The owner `like` gives what the run creates: only root may give a file
// away, so for anyone else nullopt (the file stays theirs).
[[nodiscard]] std::optional<Ownership> owner_when_root(const struct stat& like);

// A regular file opened to read, never through a link, never blocking on a FIFO.
struct OpenedFile {
  inspect::FileDescriptor fd;
  struct stat status {};
};
[[nodiscard]] OpenedFile open_regular(const DirectoryEntry& entry);

// The whole file (a text file, within the reader's limit), from its start.
// At most `max_bytes`; more is a StepFailure.
[[nodiscard]] std::string read_text(const OpenedFile& file, const std::string& shown, std::size_t max_bytes);
// The hash of the whole file, read from its start, of any size.
[[nodiscard]] std::uint64_t hash_contents(const OpenedFile& file, const std::string& shown);

[[nodiscard]] struct stat status_of_directory(const DirectoryEntry& entry);

// What the entry is now, in the terms of a precondition.
[[nodiscard]] report::PathState state_of(const DirectoryEntry& entry);
// Throws "changed since the check, left alone (...)" unless the entry is as `before` says.
void require_unchanged(const DirectoryEntry& entry, const report::PathState& before);

// Syncs the directory's entries (a rename, a link): 0, or the errno.
[[nodiscard]] int sync_directory(const DirectoryEntry& entry);

// A name this run created beside another under a random suffix, never a
// fixed one: removed on destruction unless it was renamed over its target.
class TemporaryName {
 public:
  explicit TemporaryName(int directory) : directory_(directory) {}
  TemporaryName(TemporaryName&& other) noexcept;
  TemporaryName(const TemporaryName&) = delete;
  TemporaryName& operator=(const TemporaryName&) = delete;
  TemporaryName& operator=(TemporaryName&&) = delete;
  ~TemporaryName();

  void adopt(std::string name) { name_ = std::move(name); }
  [[nodiscard]] const std::string& name() const { return name_; }
  // renameat over `target` in the same directory: the temporary name is gone.
  void rename_over(const std::string& target, const std::string& shown);
  // A second name for it, never replacing one: 0, or the errno (EEXIST).
  [[nodiscard]] int link_as(const std::string& target) const;
  void remove();

 private:
  int directory_;
  std::string name_;  // empty: none (any more)
};

// `.NAME.emglint-tmp-RANDOM`
[[nodiscard]] std::string temporary_name_for(const std::string& name);

// A new file beside `beside.name`, mode 0600 until set_attributes.
class TemporaryFile {
 public:
  explicit TemporaryFile(const DirectoryEntry& beside);

  void write(std::string_view bytes);
  // Copies `source` from its start; the hash of what was copied.
  [[nodiscard]] std::uint64_t copy_from(const OpenedFile& source, const std::string& source_shown);
  // Owner first: a chown would clear the set-user-ID bits of the mode.
  void set_attributes(mode_t mode, std::optional<Ownership> owner);
  void sync_and_close();
  [[nodiscard]] TemporaryName& name() { return name_; }

 private:
  TemporaryName name_;
  inspect::FileDescriptor fd_;
  std::string shown_;  // "a temporary file beside X"
};

// A new symbolic link to `target` beside `beside.name`.
[[nodiscard]] TemporaryName create_temporary_link(const DirectoryEntry& beside, const std::string& target);

}  // namespace emglint::fix
