#include "plan_replay.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "corpus_case.h"
#include "test_support.h"

namespace emglint::testing {

namespace {

namespace fs = std::filesystem;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string quoted(const std::string& word) { return "'" + replaced(word, "'", "'\\''") + "'"; }

bool run_shell(const fs::path& directory, const std::string& commands) {
  if (commands.empty()) return true;
  write_file(directory / ".replay.sh", "set -e\n" + commands);
  const std::string line = "cd " + quoted(directory.string()) + " && sh ./.replay.sh >/dev/null 2>&1";
  const int status = std::system(line.c_str());
  fs::remove(directory / ".replay.sh");
  return status == 0;
}

// The lines of one file's patch, from `at` (its `---` line); `at` moves past it.
std::string take_file_patch(const std::vector<std::string>& lines, std::size_t& at) {
  std::string patch = lines[at++] + "\n";
  if (at < lines.size()) patch += lines[at++] + "\n";  // +++
  while (at < lines.size() && lines[at].starts_with("@@ ")) {
    int old_count = 1;
    int new_count = 1;
    int old_start = 0;
    int new_start = 0;
    if (std::sscanf(lines[at].c_str(), "@@ -%d,%d +%d,%d", &old_start, &old_count, &new_start, &new_count) < 4) {
      std::sscanf(lines[at].c_str(), "@@ -%d +%d,%d", &old_start, &new_start, &new_count);
    }
    patch += lines[at++] + "\n";
    while (at < lines.size() && (old_count > 0 || new_count > 0 || lines[at].starts_with('\\'))) {
      const char kind = lines[at].empty() ? ' ' : lines[at][0];
      if (kind != '+' && kind != '\\') --old_count;
      if (kind != '-' && kind != '\\') --new_count;
      patch += lines[at++] + "\n";
    }
    while (at < lines.size() && lines[at].starts_with('\\')) patch += lines[at++] + "\n";
  }
  return patch;
}

fs::path file_of_label(std::string label, const fs::path& copy, const std::string& path) {
  label = label.substr(0, label.find('\t'));
  if (label.starts_with('/')) return label;
  const fs::path base = fs::is_directory(copy / path) ? copy / path : (copy / path).parent_path();
  return label.starts_with("b/") ? base / label.substr(2) : base / label;
}

}  // namespace

Replay replay_plan(const std::string& diff, const fs::path& work, const fs::path& copy, const std::string& path) {
  std::string text = replaced(diff, fs::canonical(work).string(), fs::canonical(copy).string());
  text = replaced(text, work.string(), copy.string());
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);

  Replay replay;
  std::string kept;
  std::string actions;
  std::string* commands = nullptr;
  bool next_masked = false;
  std::vector<std::pair<fs::path, std::string>> patches;
  for (std::size_t at = 0; at < lines.size();) {
    const std::string& line = lines[at];
    if (line.starts_with("--- ") && at + 1 < lines.size() && lines[at + 1].starts_with("+++ ")) {
      const fs::path file = file_of_label(lines[at + 1].substr(4), copy, path);
      std::string patch = take_file_patch(lines, at);
      if (next_masked) {
        replay.masked.push_back(fs::relative(file, copy).generic_string());
      } else {
        patches.emplace_back(file, std::move(patch));
      }
      next_masked = false;
      commands = nullptr;
      continue;
    }
    if (line.starts_with("# originals kept")) {
      commands = &kept;
    } else if (line.starts_with("# filesystem actions")) {
      commands = &actions;
    } else if (line.find("passwords are shown as ***") != std::string::npos) {
      next_masked = true;
    } else if (commands != nullptr) {
      *commands += line + "\n";
    }
    ++at;
  }
  if (!run_shell(copy, kept)) replay.error = "the commands that keep the originals failed";
  for (const auto& [file, patch] : patches) {
    write_file(copy / ".replay.patch", patch);
    const std::string line = "patch --quiet --no-backup-if-mismatch " + quoted(file.string()) + " < " +
                             quoted((copy / ".replay.patch").string()) + " >/dev/null 2>&1";
    if (std::system(line.c_str()) != 0) replay.error = "the patch of " + file.string() + " does not apply";
    fs::remove(copy / ".replay.patch");
  }
  const fs::path action_directory = fs::is_directory(copy / path) ? copy / path : copy;
  if (!run_shell(action_directory, actions)) replay.error = "the filesystem actions failed";
  replay.listing = comparable_listing(copy, replay.masked);
  return replay;
}

std::string comparable_listing(const fs::path& root, const std::vector<std::string>& masked) {
  std::istringstream listing(tree_listing(root));
  std::string result;
  for (std::string line; std::getline(listing, line);) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    // Regular files: NAME MODE UID HASH.
    if (fields.size() == 4 && fields[1] != "->") {
      const bool hidden = std::find(masked.begin(), masked.end(), fields[0]) != masked.end();
      line = fields[0] + " " + fields[1] + (hidden ? "" : " " + fields[3]);
    }
    result += line + "\n";
  }
  return result;
}

}  // namespace emglint::testing
