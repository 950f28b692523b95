#include "fix/executor.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "fix/beneath.h"
#include "fix/descriptor_files.h"
#include "fix/step_failure.h"
#include "fix/steps.h"
#include "inspect/file_reader.h"
#include "report/fnv1a.h"

namespace emglint::fix {

namespace {

using inspect::FileDescriptor;
using report::FsAction;
using report::PathState;

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// Syncs the rename or link just made; the step is made either way, so a
// failure stops the run with the step counted as done.
void finish(const DirectoryEntry& at) {
  const int error = sync_directory(at);
  step();
  if (error != 0) {
    throw DoneButNotSynced(fmt::format("cannot sync the directory of {}: {}; that step is made, the rest not", at.shown,
                                       std::strerror(error)));
  }
}

// A backup linked into place: removed again unless the rewrite it keeps the
// original of is made, so that a stopped step leaves nothing behind.
class BackupInPlace {
 public:
  explicit BackupInPlace(DirectoryEntry entry) : entry_(std::move(entry)) {
    linked_ = ::fstatat(entry_.directory.get(), entry_.name.c_str(), &identity_, AT_SYMLINK_NOFOLLOW) == 0;
  }
  BackupInPlace(BackupInPlace&& other) noexcept
      : entry_(std::move(other.entry_)), identity_(other.identity_), linked_(std::exchange(other.linked_, false)) {}
  BackupInPlace(const BackupInPlace&) = delete;
  BackupInPlace& operator=(const BackupInPlace&) = delete;
  BackupInPlace& operator=(BackupInPlace&&) = delete;
  ~BackupInPlace() {
    struct stat now {};
    // Only the file this run linked there, never what took its name since.
    if (linked_ && ::fstatat(entry_.directory.get(), entry_.name.c_str(), &now, AT_SYMLINK_NOFOLLOW) == 0 &&
        same_file(now, identity_)) {
      ::unlinkat(entry_.directory.get(), entry_.name.c_str(), 0);
    }
  }
  void keep() { linked_ = false; }
  [[nodiscard]] const DirectoryEntry& entry() const { return entry_; }

 private:
  DirectoryEntry entry_;
  struct stat identity_ {};
  bool linked_ = false;
};

// The original, whole, under the free name `text.backup`: written under a
// temporary name first, then linked, which never replaces a name (nor
// follows a link planted there).
BackupInPlace keep_original(const RootDirectory& root, const TextWrite& text, const OpenedFile& original,
                            std::string_view bytes) {
  DirectoryEntry at = open_beneath(root, *text.backup, text.backup_display);
  TemporaryFile copy(at);
  copy.write(bytes);
  // Never more readable than the file after a later chmod of the plan.
  const mode_t narrowed = original.status.st_mode & 07777 & text.mode_after.value_or(07777);
  copy.set_attributes(narrowed, owner_when_root(original.status));
  copy.sync_and_close();
  step();
  if (const int error = copy.name().link_as(at.name); error != 0) {
    if (error == EEXIST) {
      throw StepFailure(fmt::format("{}: exists already, and a backup is never overwritten; {} left alone",
                                    text.backup_display, text.display));
    }
    fail_with(error, "keep the original as", text.backup_display);
  }
  step();
  copy.name().remove();
  BackupInPlace backup(std::move(at));
  if (const int error = sync_directory(backup.entry()); error != 0) {
    fail_with(error, "sync the directory of", text.backup_display);
  }
  step();
  return backup;
}

// The new bytes under a temporary name with the original's mode and owner,
// renamed over the file; 0, or the errno of syncing the rename.
int replace_contents(const DirectoryEntry& file, const struct stat& original, std::string_view bytes) {
  TemporaryFile replacement(file);
  replacement.write(bytes);
  replacement.set_attributes(original.st_mode & 07777, owner_when_root(original));
  replacement.sync_and_close();
  step();
  replacement.name().rename_over(file.name, file.shown);
  const int error = sync_directory(file);
  step();
  return error;
}

void write_text(const RootDirectory& root, const TextWrite& text, std::vector<std::string>& backups) {
  const DirectoryEntry file = open_beneath(root, text.path, text.display);
  const OpenedFile original = open_regular(file);
  // Read whole whatever --max-file-size was: the check read it at that size.
  const auto changed = [&] { return StepFailure(fmt::format("{}: changed since the check, left alone", text.display)); };
  if (static_cast<std::size_t>(original.status.st_size) != text.original_size) throw changed();
  const std::string bytes = read_text(original, text.display, text.original_size);
  if (report::fnv1a(bytes) != text.original_hash) throw changed();
  step();
  std::optional<BackupInPlace> backup;
  if (text.backup) backup.emplace(keep_original(root, text, original, bytes));
  const int unsynced = replace_contents(file, original.status, text.bytes);
  if (backup) {
    backup->keep();
    backups.push_back(text.backup_display);
  }
  if (unsynced != 0) {
    throw DoneButNotSynced(fmt::format("cannot sync the directory of {}: {}; that file is written, the rest not",
                                       text.display, std::strerror(unsynced)));
  }
}

void relink(const DirectoryEntry& at, const FsAction& action) {
  TemporaryName link = create_temporary_link(at, action.target);
  step();
  // What a fix creates belongs where it lands: bin/'s owner, not root.
  if (const auto owner = owner_when_root(status_of_directory(at))) {
    // Through a descriptor of the link itself: in a directory its owner can
    // write, the name may be swapped for a hard link to another file meanwhile.
    const FileDescriptor made(::openat(at.directory.get(), link.name().c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    struct stat status {};
    if (!made.valid() || ::fstat(made.get(), &status) != 0 || !S_ISLNK(status.st_mode) ||
        ::fchownat(made.get(), "", owner->uid, owner->gid, AT_EMPTY_PATH) != 0) {
      fail_with_errno("set the owner of the new link", at.shown);
    }
    step();
  }
  link.rename_over(at.name, at.shown);
  finish(at);
}

// A copy of `source` beside `at`, whole and synced, under a temporary name;
// `refusal` ends the message when the source changed since the check.
TemporaryFile checked_copy(const OpenedFile& source, const std::string& source_shown,
                           std::optional<std::uint64_t> expected_hash, const DirectoryEntry& at,
                           std::optional<Ownership> owner, std::string_view refusal) {
  TemporaryFile copy(at);
  const std::uint64_t hash = copy.copy_from(source, source_shown);
  if (expected_hash && hash != *expected_hash) {
    throw StepFailure(fmt::format("{}: changed since the check, {}", source_shown, refusal));
  }
  copy.set_attributes(source.status.st_mode & 07777, owner);
  copy.sync_and_close();
  step();
  return copy;
}

// Onto a missing name, link(2) never replaces what may have appeared since;
// a file, or a link whose state was just checked, is replaced in one rename.
void put_in_place(TemporaryFile& copy, const DirectoryEntry& at, bool replace) {
  if (replace) {
    copy.name().rename_over(at.name, at.shown);
  } else if (const int error = copy.name().link_as(at.name); error != 0) {
    fail_with(error, "create", at.shown);
  }
  step();
  copy.name().remove();
  finish(at);
}

DirectoryEntry source_of(const RootDirectory& root, const std::string& from) {
  if (!from.empty() && from.front() == '/') return open_absolute(from);
  return open_beneath(root, from, from);
}

void copy_into(const RootDirectory& root, const DirectoryEntry& at, const FsAction& action) {
  const DirectoryEntry source_entry = source_of(root, action.from);
  const OpenedFile source = open_regular(source_entry);
  TemporaryFile copy =
      checked_copy(source, action.from, action.from_hash, at, owner_when_root(status_of_directory(at)), "not copied");
  put_in_place(copy, at, action.before.type != PathState::Type::missing);
}

mode_t parse_mode(const FsAction& action) {
  const auto bits = action.mode_bits();
  if (!bits) throw StepFailure(fmt::format("{}: `{}` is not a mode", action.path, action.mode));
  return static_cast<mode_t>(*bits);
}

void change_mode(const DirectoryEntry& at, const FsAction& action) {
  const mode_t mode = parse_mode(action);
  // O_PATH opens even a file its owner cannot read (mode 0200), and with
  // O_NOFOLLOW a link as itself, which fstat then tells apart.
  const FileDescriptor file(::openat(at.directory.get(), at.name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (!file.valid()) fail_with_errno("open", at.shown);
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) fail_with_errno("read", at.shown);
  if (!S_ISREG(status.st_mode)) throw StepFailure(fmt::format("{}: not a file, its mode is left alone", at.shown));
  // fchmod refuses an O_PATH descriptor; its /proc name reaches that very file.
  const std::string by_descriptor = fmt::format("/proc/self/fd/{}", file.get());
  if (::chmod(by_descriptor.c_str(), mode) != 0) {
    if (errno != ENOENT) fail_with_errno("change the mode of", at.shown);
    // No /proc: by name, without following a link there.
    if (::fchmodat(at.directory.get(), at.name.c_str(), mode, AT_SYMLINK_NOFOLLOW) != 0) {
      fail_with_errno("change the mode of", at.shown);
    }
  }
  step();
}

// A hard link `at` to the file `action.from`, so that its bytes outlive a
// later step that replaces it; a copy with its mode and owner where the
// filesystem refuses the link.
void keep_under_second_name(const RootDirectory& root, const DirectoryEntry& at, const FsAction& action) {
  const DirectoryEntry kept_entry = open_beneath(root, action.from, action.from);
  const OpenedFile kept = open_regular(kept_entry);
  if (action.from_hash && hash_contents(kept, action.from) != *action.from_hash) {
    throw StepFailure(fmt::format("{}: changed since the check, left alone", action.from));
  }
  if (::linkat(kept_entry.directory.get(), kept_entry.name.c_str(), at.directory.get(), at.name.c_str(), 0) == 0) {
    struct stat linked {};
    const bool same = ::fstatat(at.directory.get(), at.name.c_str(), &linked, AT_SYMLINK_NOFOLLOW) == 0 &&
                      same_file(linked, kept.status);
    if (!same) {
      ::unlinkat(at.directory.get(), at.name.c_str(), 0);
      throw StepFailure(fmt::format("{}: changed since the check, left alone", action.from));
    }
    step();
    finish(at);
    return;
  }
  if (errno != EPERM && errno != EXDEV) fail_with_errno(fmt::format("give {} the second name", action.from), at.shown);
  TemporaryFile copy =
      checked_copy(kept, action.from, action.from_hash, at, owner_when_root(kept.status), "left alone");
  put_in_place(copy, at, false);
}

// What the plan says `path` was rules some steps out before the disk is asked.
std::optional<std::string> refusal(const FsAction& action) {
  switch (action.kind) {
    case FsAction::Kind::symlink: return std::nullopt;
    case FsAction::Kind::copy:
      if (action.before.type != PathState::Type::other) return std::nullopt;
      return fmt::format("{}: neither missing, a file nor a link, not overwritten", action.path);
    case FsAction::Kind::chmod:
      if (action.before.type == PathState::Type::regular) return std::nullopt;
      return fmt::format("{}: not a file, its mode is left alone", action.path);
    case FsAction::Kind::keep:
      if (action.before.type == PathState::Type::missing) return std::nullopt;
      return fmt::format("{}: the name is taken, {} is not kept under it", action.path, action.from);
  }
  return std::nullopt;
}

void act(const RootDirectory& root, const FsAction& action) {
  if (auto reason = refusal(action)) throw StepFailure(*reason);
  const DirectoryEntry at = open_beneath(root, action.path, action.path);
  require_unchanged(at, action.before);
  step();
  switch (action.kind) {
    case FsAction::Kind::symlink: return relink(at, action);
    case FsAction::Kind::copy: return copy_into(root, at, action);
    case FsAction::Kind::chmod: return change_mode(at, action);
    case FsAction::Kind::keep: return keep_under_second_name(root, at, action);
  }
}

// The roots, each opened at its first use and held for the rest of the run.
class OpenRoots {
 public:
  explicit OpenRoots(const ExecutionRoots& paths) : paths_(paths) {}

  const RootDirectory& get(Root which) {
    if (which == Root::target) {
      if (!target_) target_ = open_root(paths_.target, "the installation");
      return *target_;
    }
    if (!paths_.rc_local) throw StepFailure("rc.local: no directory to write it in was given");
    if (!rc_local_) rc_local_ = open_root(*paths_.rc_local, "the directory of rc.local");
    return *rc_local_;
  }

 private:
  const ExecutionRoots& paths_;
  std::optional<RootDirectory> target_;
  std::optional<RootDirectory> rc_local_;
};

// Runs one step; false when the run stops there.
template <typename Step>
bool run_step(Execution& execution, std::vector<bool>& done, std::size_t index, const Step& make_step) {
  try {
    make_step();
    done[index] = true;
    return true;
  } catch (const DoneButNotSynced& failure) {
    done[index] = true;
    execution.stopped = failure.what();
  } catch (const std::exception& failure) {
    execution.stopped = failure.what();
  }
  return false;
}

}  // namespace

Execution execute(const Plan& plan, const ExecutionRoots& roots) {
  Execution execution{.texts_done = std::vector<bool>(plan.texts.size(), false),
                      .actions_done = std::vector<bool>(plan.actions.size(), false)};
  OpenRoots open_roots(roots);
  step();  // the plan is made, nothing is written yet
  for (std::size_t index = 0; index < plan.texts.size(); ++index) {
    const TextWrite& text = plan.texts[index];
    const bool went_on = run_step(execution, execution.texts_done, index,
                                  [&] { write_text(open_roots.get(text.root), text, execution.backups); });
    if (!went_on) return execution;
  }
  for (std::size_t index = 0; index < plan.actions.size(); ++index) {
    const bool went_on = run_step(execution, execution.actions_done, index,
                                  [&] { act(open_roots.get(Root::target), plan.actions[index]); });
    if (!went_on) return execution;
  }
  return execution;
}

std::string shell_word(std::string_view word) {
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789-_./+,:=@%") == std::string_view::npos;
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string shell_command(const FsAction& action) {
  switch (action.kind) {
    case FsAction::Kind::symlink:
      return fmt::format("ln -sfn {} {}", shell_word(action.target), shell_word(action.path));
    case FsAction::Kind::copy: {
      if (action.before.type == PathState::Type::missing) {
        return fmt::format("cp -p {} {}", shell_word(action.from), shell_word(action.path));
      }
      // As --fix does it: a whole new file renamed over the old name, never a write through a link or into a running
      // binary.
      const std::string temporary = shell_word(action.path + ".emglint-tmp");
      return fmt::format("cp -p {} {} && mv -f {} {}", shell_word(action.from), temporary, temporary,
                         shell_word(action.path));
    }
    case FsAction::Kind::chmod: return fmt::format("chmod {} {}", action.mode, shell_word(action.path));
    case FsAction::Kind::keep: return fmt::format("ln {} {}", shell_word(action.from), shell_word(action.path));
  }
  return {};
}

}  // namespace emglint::fix
