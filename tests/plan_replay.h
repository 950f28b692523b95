// Replays what `--diff` printed on a copy of the tree it was run on: the
// originals kept, the patch, then the filesystem steps, as an operator would
// type them. What the copy then holds is what `--diff` said `--fix` does.
#pragma once

#include <filesystem>
#include <string>

namespace emglint::testing {

struct Replay {
  std::string error;             // empty when every part of the plan could be replayed
  std::string listing;           // the copy's tree, as comparable_listing gives it
  std::vector<std::string> masked;  // files whose patch was shown masked, not replayed
};

// `diff` is the stdout of `emglint check --diff PATH` run in `work`; `copy`
// holds what `work` held then.
[[nodiscard]] Replay replay_plan(const std::string& diff, const std::filesystem::path& work,
                                 const std::filesystem::path& copy, const std::string& path);

// tree_listing of `root` without owners (a shell's `cp -p` keeps the source's,
// --fix gives bin/'s) and without the content of the `masked` files.
[[nodiscard]] std::string comparable_listing(const std::filesystem::path& root, const std::vector<std::string>& masked);

}  // namespace emglint::testing
