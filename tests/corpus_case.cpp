#include "corpus_case.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "test_support.h"

namespace emglint::testing {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

std::string unescape(const std::string& text) {
  std::string result;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
      result += '\n';
      ++i;
    } else {
      result += text[i];
    }
  }
  return result;
}

void set_mode(const fs::path& path, const std::string& mode) {
  if (::chmod(path.c_str(), static_cast<mode_t>(std::stoul(mode, nullptr, 8))) != 0) {
    throw std::runtime_error("chmod failed: " + path.string());
  }
}

std::string stand_in_tool(const std::string& name, const std::string& version_build) {
  const auto dash = version_build.rfind('-');
  return "#!/bin/sh\n# stand-in for " + name + "\ncase \"$1\" in\n  -v) echo \"EMG " + version_build.substr(0, dash) +
         " (build " + version_build.substr(dash + 1) + ")\" ;;\n  *) exit 1 ;;\nesac\n";
}

}  // namespace

std::vector<fs::path> corpus_cases() {
  std::vector<fs::path> cases;
  for (const auto& rule_dir : fs::directory_iterator(source_dir() / "corpus" / "rules")) {
    for (const auto& case_dir : fs::directory_iterator(rule_dir.path())) {
      if (case_dir.is_directory()) cases.push_back(case_dir.path());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

void build_tree(const fs::path& root, const std::string& manifest) {
  fs::create_directories(root);
  std::istringstream lines(manifest);
  for (std::string line; std::getline(lines, line);) {
    const auto words = words_of(line);
    if (words.empty() || words[0].starts_with('#')) continue;
    const std::string& verb = words[0];
    if (words.size() < 2) throw std::runtime_error("manifest line without a path: " + line);
    const fs::path path = root / words[1];
    fs::create_directories(path.parent_path());
    if (verb == "dir") {
      fs::create_directories(path);
      if (words.size() > 2) set_mode(path, words[2]);
    } else if (verb == "file") {
      const auto text_start = line.find(words[2], line.find(words[1]) + words[1].size()) + words[2].size();
      std::string text = text_start < line.size() ? line.substr(text_start + 1) : "";
      write_file(path, unescape(text));
      set_mode(path, words[2]);
    } else if (verb == "tool") {
      write_file(path, stand_in_tool(path.filename().string(), words.at(3)));
      set_mode(path, words.at(2));
    } else if (verb == "copy") {
      fs::copy_file(root / words.at(2), path, fs::copy_options::overwrite_existing);
      fs::permissions(path, fs::status(root / words.at(2)).permissions());
    } else if (verb == "link") {
      fs::create_symlink(words.at(2), path);
    } else if (verb == "fifo") {
      if (::mkfifo(path.c_str(), 0644) != 0) throw std::runtime_error("mkfifo failed: " + path.string());
    } else {
      throw std::runtime_error("unknown manifest verb: " + line);
    }
  }
}

std::string run_corpus_case(const fs::path& case_dir, const fs::path& work) {
  std::vector<std::string> arguments = {"check", "--color", "never"};
  if (fs::exists(case_dir / "args")) {
    for (const auto& word : words_of(read_file(case_dir / "args"))) arguments.push_back(word);
  }
  if (fs::exists(case_dir / "rc.local")) {
    fs::copy_file(case_dir / "rc.local", work / "rc.local");
    fs::permissions(work / "rc.local", fs::status(case_dir / "rc.local").permissions());
  }
  if (fs::exists(case_dir / "manifest")) {
    build_tree(work / "emg", read_file(case_dir / "manifest"));
    fs::copy_file(case_dir / "server.cfg", work / "emg" / "server.cfg");
    arguments.push_back("emg");
  } else {
    fs::copy_file(case_dir / "server.cfg", work / "server.cfg");
    arguments.push_back("server.cfg");
  }

  ScopedWorkingDirectory in_work(work);
  const RunResult result = run_emglint(arguments);
  std::string report = result.out + "--- exit " + std::to_string(result.exit_code) + "\n";
  std::istringstream err(result.err);
  for (std::string line; std::getline(err, line);) report += "stderr: " + line + "\n";
  return report;
}

}  // namespace emglint::testing
