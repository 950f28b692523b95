#include "fix/file_operations.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <variant>
#include <vector>

#include "fix/atomic_file.h"
#include "fix/steps.h"
#include "inspect/file_reader.h"

namespace emglint::fix {

namespace {

namespace fs = std::filesystem;
using report::FsAction;
using report::PathState;

std::string system_error(std::string_view what, const std::string& path) {
  return fmt::format("cannot {} {}: {}", what, path, std::strerror(errno));
}

std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

void sync_directory(const std::string& path) {
  const int directory = ::open(directory_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory < 0) return;
  ::fsync(directory);
  ::close(directory);
}

// Writes `content` to the new file `path` (O_EXCL: never over another) with
// the given mode and, for root, owner; synced before it returns.
std::optional<std::string> create_exclusively(const std::string& path, std::string_view content,
                                              const struct stat& like) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return system_error("create", path);
  const auto fail = [&](std::string message) {
    ::close(fd);
    ::unlink(path.c_str());
    return std::optional<std::string>(std::move(message));
  };
  for (std::string_view rest = content; !rest.empty();) {
    const ssize_t written = ::write(fd, rest.data(), rest.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return fail(system_error("write", path));
    }
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fchmod(fd, like.st_mode & 07777) != 0) return fail(system_error("set the mode of", path));
  if (::geteuid() == 0 && ::fchown(fd, like.st_uid, like.st_gid) != 0) return fail(system_error("set the owner of", path));
  if (::fsync(fd) != 0) return fail(system_error("sync", path));
  if (::close(fd) != 0) {
    ::unlink(path.c_str());
    return system_error("close", path);
  }
  return std::nullopt;
}

std::optional<std::string> read_all(const std::string& path, std::string& bytes) {
  auto content = inspect::read_text_file(path);
  if (auto* error = std::get_if<inspect::ReadError>(&content)) return fmt::format("{}: {}", path, error->message);
  bytes = std::get<std::string>(std::move(content));
  return std::nullopt;
}

// The first free name of PATH.emglint-bak, PATH.emglint-bak.1, ...
std::string free_backup_name(const std::string& path) {
  std::string name = path + ".emglint-bak";
  struct stat existing {};
  for (int number = 1; ::lstat(name.c_str(), &existing) == 0; ++number) {
    name = fmt::format("{}.emglint-bak.{}", path, number);
  }
  return name;
}

std::string_view type_name(PathState::Type type) {
  switch (type) {
    case PathState::Type::missing: return "missing";
    case PathState::Type::regular: return "a file";
    case PathState::Type::symlink: return "a link";
    case PathState::Type::other: return "neither a file nor a link";
  }
  return "unknown";
}

// What `path` is now, in the terms of a precondition.
PathState state_now(const std::string& path) {
  PathState state;
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return state;
  if (S_ISLNK(status.st_mode)) {
    state.type = PathState::Type::symlink;
    std::error_code error;
    state.link_target = fs::read_symlink(path, error).string();
  } else if (S_ISREG(status.st_mode)) {
    state.type = PathState::Type::regular;
    std::string bytes;
    if (!read_all(path, bytes)) state.content_hash = inspect::content_hash(bytes);
  } else {
    state.type = PathState::Type::other;
  }
  return state;
}

std::optional<std::string> check_unchanged(const std::string& shown, const std::string& path, const PathState& before) {
  const PathState now = state_now(path);
  const std::string_view left_alone = "changed since the check, left alone";
  if (now.type != before.type) {
    return fmt::format("{}: {} (now {}, was {})", shown, left_alone, type_name(now.type), type_name(before.type));
  }
  if (now.type == PathState::Type::symlink && now.link_target != before.link_target) {
    return fmt::format("{}: {} (the link now points at {})", shown, left_alone, now.link_target);
  }
  if (now.type == PathState::Type::regular && before.content_hash && now.content_hash != before.content_hash) {
    return fmt::format("{}: {} (its content differs)", shown, left_alone);
  }
  return std::nullopt;
}

// A relative path without `..` whose directory resolves inside `root`: no
// write may leave the installation, also not through a linked directory.
std::optional<std::string> check_inside(const std::string& root, const std::string& relative) {
  const fs::path path(relative);
  if (path.is_absolute() || relative.empty()) return fmt::format("{}: not a path inside the installation", relative);
  for (const auto& part : path) {
    if (part == "..") return fmt::format("{}: not a path inside the installation", relative);
  }
  std::error_code error;
  const fs::path real_root = fs::canonical(root, error);
  if (error) return fmt::format("{}: {}", root, error.message());
  const fs::path real_directory = fs::canonical(fs::path(root) / path.parent_path(), error);
  if (error) return fmt::format("{}: {}", (fs::path(root) / path.parent_path()).string(), error.message());
  const auto relation = real_directory.lexically_relative(real_root);
  if (relation.empty() || *relation.begin() == "..") {
    return fmt::format("{}: its directory leads out of the installation, to {}; not written", relative,
                       real_directory.string());
  }
  return std::nullopt;
}

std::string temporary_name(const std::string& path) {
  const fs::path at(path);
  return (at.parent_path() / fmt::format(".{}.emglint-tmp-{}", at.filename().string(), ::getpid())).string();
}

std::optional<std::string> swap_link(const std::string& path, const FsAction& action) {
  const std::string temporary = temporary_name(path);
  ::unlink(temporary.c_str());  // a leftover of a run that was killed
  if (::symlink(action.target.c_str(), temporary.c_str()) != 0) return system_error("create the link", temporary);
  step();
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string message = system_error("replace", path);
    ::unlink(temporary.c_str());
    return message;
  }
  step();
  sync_directory(path);
  return std::nullopt;
}

std::optional<std::string> copy_file(const std::string& root, const std::string& path, const FsAction& action) {
  const std::string source = fs::path(action.from).is_absolute() ? action.from : (fs::path(root) / action.from).string();
  std::string bytes;
  if (auto error = read_all(source, bytes)) return error;
  if (action.from_hash && inspect::content_hash(bytes) != *action.from_hash) {
    return fmt::format("{}: changed since the check, not copied", action.from);
  }
  struct stat like {};
  if (::stat(source.c_str(), &like) != 0) return system_error("read the mode of", source);
  const std::string temporary = temporary_name(path);
  ::unlink(temporary.c_str());
  if (auto error = create_exclusively(temporary, bytes, like)) return error;
  step();
  // Onto a missing name, link(2) never replaces what may have appeared since;
  // a file, or a link whose bytes were just read, is replaced in one rename.
  const bool replace = action.before.type != PathState::Type::missing;
  const int result = replace ? ::rename(temporary.c_str(), path.c_str()) : ::link(temporary.c_str(), path.c_str());
  if (result != 0) {
    const std::string message = system_error(replace ? "replace" : "create", path);
    ::unlink(temporary.c_str());
    return message;
  }
  if (!replace) ::unlink(temporary.c_str());
  step();
  sync_directory(path);
  return std::nullopt;
}

std::optional<std::string> change_mode(const std::string& path, const FsAction& action) {
  unsigned long mode = 0;
  try {
    mode = std::stoul(action.mode, nullptr, 8);
  } catch (const std::exception&) {
    return fmt::format("{}: `{}` is not a mode", action.path, action.mode);
  }
  // Through a descriptor opened without following links; a file its owner
  // cannot read (mode 0200) is changed by name, lstat having just seen a file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno != EACCES) return system_error("open", path);
  const int result = fd >= 0 ? ::fchmod(fd, static_cast<mode_t>(mode & 07777))
                             : ::chmod(path.c_str(), static_cast<mode_t>(mode & 07777));
  const std::string message = result != 0 ? system_error("change the mode of", path) : std::string();
  if (fd >= 0) ::close(fd);
  step();
  if (result != 0) return message;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> replace_text_file(const std::string& path, std::uint64_t expected_hash,
                                             std::string_view content, bool backup, std::string* backup_path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return system_error("read", path);
  if (!S_ISREG(status.st_mode)) return fmt::format("{}: not a regular file, not written", path);
  std::string original;
  if (auto error = read_all(path, original)) return error;
  if (inspect::content_hash(original) != expected_hash) {
    return fmt::format("{}: changed since the check, left alone", path);
  }
  step();
  if (backup) {
    // Written in full under a temporary name first, then linked to the first
    // free backup name: a backup is never partial, and link(2) never replaces one.
    const std::string temporary = temporary_name(path);
    ::unlink(temporary.c_str());
    if (auto error = create_exclusively(temporary, original, status)) return error;
    step();
    std::string name = free_backup_name(path);
    while (::link(temporary.c_str(), name.c_str()) != 0) {
      if (errno != EEXIST) {
        const std::string message = system_error("keep the original as", name);
        ::unlink(temporary.c_str());
        return message;
      }
      name = free_backup_name(path);
    }
    ::unlink(temporary.c_str());
    sync_directory(name);
    if (backup_path != nullptr) *backup_path = name;
    step();
  }
  if (auto error = write_file_atomically(path, content)) return error;
  step();
  return std::nullopt;
}

std::optional<std::string> apply_action(const std::string& root, const FsAction& action) {
  if (auto error = check_inside(root, action.path)) return error;
  const std::string path = (fs::path(root) / action.path).string();
  if (auto error = check_unchanged(action.path, path, action.before)) return error;
  step();
  switch (action.kind) {
    case FsAction::Kind::symlink: return swap_link(path, action);
    case FsAction::Kind::copy:
      if (action.before.type == PathState::Type::other) {
        return fmt::format("{}: neither missing, a file nor a link, not overwritten", action.path);
      }
      return copy_file(root, path, action);
    case FsAction::Kind::chmod:
      if (action.before.type != PathState::Type::regular) {
        return fmt::format("{}: not a file, its mode is left alone", action.path);
      }
      return change_mode(path, action);
    case FsAction::Kind::keep:
      // A second name is only ever given by the executor (fix/executor.h),
      // which links the very file it checked.
      return fmt::format("{}: keeping {} under a second name needs the executor; not written", action.path,
                         action.from);
  }
  return std::nullopt;
}

}  // namespace emglint::fix
