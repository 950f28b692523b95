// A corpus case: a directory with `server.cfg`, optionally `args` (extra
// command-line words, one per line), `manifest` (an installation tree, see
// below), `rc.local`, and `expected.txt`.
//
// Manifest lines build a real tree under `emg/` with real links and modes:
//   dir PATH [MODE]
//   file PATH MODE TEXT...        TEXT with \n for new lines
//   tool PATH MODE VERSION-BUILD  a shell script answering -v with the version
//   copy PATH FROM                same bytes and mode as FROM
//   link PATH TARGET              a symbolic link, dangling or looping as written
//   fifo PATH
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace emglint::testing {

std::vector<std::filesystem::path> corpus_cases();  // sorted

// Builds the case in `work` and runs it: stdout, then `--- exit N`, then stderr lines.
std::string run_corpus_case(const std::filesystem::path& case_dir, const std::filesystem::path& work);

// Builds an installation tree from manifest text under `root`.
void build_tree(const std::filesystem::path& root, const std::string& manifest);

}  // namespace emglint::testing
