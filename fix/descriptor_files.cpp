#include "fix/descriptor_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <random>
#include <utility>
#include <variant>
#include <vector>

#include "fix/step_failure.h"
#include "inspect/file_reader.h"
#include "report/fnv1a.h"

namespace emglint::fix {

namespace {

using inspect::FileDescriptor;
using report::PathState;

constexpr int temporary_attempts = 8;

void rewind(const OpenedFile& file, const std::string& shown) {
  if (::lseek(file.fd.get(), 0, SEEK_SET) != 0) fail_with_errno("read", shown);
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

std::string link_target_of(const DirectoryEntry& entry) {
  std::vector<char> buffer(256);
  while (true) {
    const ssize_t length = ::readlinkat(entry.directory.get(), entry.name.c_str(), buffer.data(), buffer.size());
    if (length < 0) fail_with_errno("read the link", entry.shown);
    if (static_cast<std::size_t>(length) < buffer.size()) return {buffer.data(), static_cast<std::size_t>(length)};
    buffer.resize(buffer.size() * 2);
  }
}

// A regular file's hash, or nullopt where it cannot be read (mode 0200):
// then any hash the check saw counts as changed.
std::optional<std::uint64_t> readable_hash(const DirectoryEntry& entry) {
  FileDescriptor fd(
      ::openat(entry.directory.get(), entry.name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.valid()) return std::nullopt;
  std::uint64_t hash = report::fnv1a_seed;
  const auto error =
      inspect::for_each_chunk(fd.get(), [&](std::string_view chunk) { hash = report::fnv1a(chunk, hash); });
  if (error) return std::nullopt;
  return hash;
}

}  // namespace

std::optional<Ownership> owner_when_root(const struct stat& like) {
  if (::geteuid() != 0) return std::nullopt;
  return Ownership{like.st_uid, like.st_gid};
}

OpenedFile open_regular(const DirectoryEntry& entry) {
  OpenedFile file{.fd = FileDescriptor(::openat(entry.directory.get(), entry.name.c_str(),
                                                O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC))};
  if (!file.fd.valid()) {
    if (errno == ELOOP) throw StepFailure(fmt::format("{}: a link, not a regular file; not written", entry.shown));
    fail_with_errno("open", entry.shown);
  }
  if (::fstat(file.fd.get(), &file.status) != 0) fail_with_errno("read", entry.shown);
  if (!S_ISREG(file.status.st_mode)) throw StepFailure(fmt::format("{}: not a regular file, not written", entry.shown));
  return file;
}

std::string read_text(const OpenedFile& file, const std::string& shown, std::size_t max_bytes) {
  rewind(file, shown);
  auto content = inspect::read_text_file(file.fd.get(), max_bytes);
  if (auto* error = std::get_if<inspect::ReadError>(&content)) {
    throw StepFailure(fmt::format("cannot read {}: {}", shown, error->message));
  }
  return std::get<std::string>(std::move(content));
}

std::uint64_t hash_contents(const OpenedFile& file, const std::string& shown) {
  rewind(file, shown);
  std::uint64_t hash = report::fnv1a_seed;
  const auto error = inspect::for_each_chunk(
      file.fd.get(), [&](std::string_view chunk) { hash = report::fnv1a(chunk, hash); });
  if (error) throw StepFailure(fmt::format("cannot read {}: {}", shown, error->message));
  return hash;
}

struct stat status_of_directory(const DirectoryEntry& entry) {
  struct stat status {};
  if (::fstat(entry.directory.get(), &status) != 0) fail_with_errno("read the directory of", entry.shown);
  return status;
}

PathState state_of(const DirectoryEntry& entry) {
  PathState state;
  struct stat status {};
  if (::fstatat(entry.directory.get(), entry.name.c_str(), &status, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return state;
    fail_with_errno("read", entry.shown);
  }
  if (S_ISLNK(status.st_mode)) {
    state.type = PathState::Type::symlink;
    state.link_target = link_target_of(entry);
  } else if (S_ISREG(status.st_mode)) {
    state.type = PathState::Type::regular;
    state.content_hash = readable_hash(entry);
  } else {
    state.type = PathState::Type::other;
  }
  return state;
}

void require_unchanged(const DirectoryEntry& entry, const PathState& before) {
  const PathState now = state_of(entry);
  const std::string_view left_alone = "changed since the check, left alone";
  if (now.type != before.type) {
    throw StepFailure(
        fmt::format("{}: {} (now {}, was {})", entry.shown, left_alone, type_name(now.type), type_name(before.type)));
  }
  if (now.type == PathState::Type::symlink && now.link_target != before.link_target) {
    throw StepFailure(fmt::format("{}: {} (the link now points at {})", entry.shown, left_alone, now.link_target));
  }
  if (now.type == PathState::Type::regular && before.content_hash && now.content_hash != before.content_hash) {
    throw StepFailure(fmt::format("{}: {} (its content differs)", entry.shown, left_alone));
  }
}

int sync_directory(const DirectoryEntry& entry) { return ::fsync(entry.directory.get()) == 0 ? 0 : errno; }

TemporaryName::TemporaryName(TemporaryName&& other) noexcept
    : directory_(other.directory_), name_(std::exchange(other.name_, {})) {}

TemporaryName::~TemporaryName() { remove(); }

void TemporaryName::rename_over(const std::string& target, const std::string& shown) {
  if (::renameat(directory_, name_.c_str(), directory_, target.c_str()) != 0) fail_with_errno("replace", shown);
  name_.clear();
}

int TemporaryName::link_as(const std::string& target) const {
  return ::linkat(directory_, name_.c_str(), directory_, target.c_str(), 0) == 0 ? 0 : errno;
}

void TemporaryName::remove() {
  // Only ever a name this run created; failing to remove it leaves a stray
  // temporary file and nothing else wrong, so there is no one to tell.
  if (!name_.empty()) ::unlinkat(directory_, std::exchange(name_, {}).c_str(), 0);
}

std::string temporary_name_for(const std::string& name) {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  // Room for the suffix within NAME_MAX (255).
  return fmt::format(".{}.emglint-tmp-{:016x}", name.substr(0, 200), generator());
}

TemporaryFile::TemporaryFile(const DirectoryEntry& beside)
    : name_(beside.directory.get()), shown_(fmt::format("a temporary file beside {}", beside.shown)) {
  for (int attempt = 0; attempt < temporary_attempts; ++attempt) {
    std::string candidate = temporary_name_for(beside.name);
    fd_ = FileDescriptor(::openat(beside.directory.get(), candidate.c_str(),
                                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd_.valid()) {
      name_.adopt(std::move(candidate));
      return;
    }
    if (errno != EEXIST) break;
  }
  fail_with_errno("create", shown_);
}

void TemporaryFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_.get(), bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail_with_errno("write", shown_);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

std::uint64_t TemporaryFile::copy_from(const OpenedFile& source, const std::string& source_shown) {
  rewind(source, source_shown);
  std::uint64_t hash = report::fnv1a_seed;
  const auto error = inspect::for_each_chunk(source.fd.get(), [&](std::string_view chunk) {
    hash = report::fnv1a(chunk, hash);
    write(chunk);
  });
  if (error) throw StepFailure(fmt::format("cannot read {}: {}", source_shown, error->message));
  return hash;
}

void TemporaryFile::set_attributes(mode_t mode, std::optional<Ownership> owner) {
  if (owner && ::fchown(fd_.get(), owner->uid, owner->gid) != 0) fail_with_errno("set the owner of", shown_);
  if (::fchmod(fd_.get(), mode & 07777) != 0) fail_with_errno("set the mode of", shown_);
}

void TemporaryFile::sync_and_close() {
  if (::fsync(fd_.get()) != 0) fail_with_errno("sync", shown_);
  if (const int error = fd_.close(); error != 0) fail_with(error, "close", shown_);
}

TemporaryName create_temporary_link(const DirectoryEntry& beside, const std::string& target) {
  TemporaryName link(beside.directory.get());
  for (int attempt = 0; attempt < temporary_attempts; ++attempt) {
    std::string candidate = temporary_name_for(beside.name);
    if (::symlinkat(target.c_str(), beside.directory.get(), candidate.c_str()) == 0) {
      link.adopt(std::move(candidate));
      return link;
    }
    if (errno != EEXIST) break;
  }
  fail_with_errno("create the link beside", beside.shown);
}

}  // namespace emglint::fix
