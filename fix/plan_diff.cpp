#include "fix/plan_diff.h"

#include <fmt/format.h>

#include "analysis/config_index.h"
#include "fix/executor.h"
#include "fix/text_diff.h"
#include "parser/config_parser.h"

namespace emglint::fix {

namespace {

// `bytes` with every password of server.cfg masked, each line keeping its
// terminator: a password's own place in a config (`config`, when `bytes` is
// one), and its value wherever else it occurs (a comment, a boot script).
std::string masked_text(const std::string& bytes, const analysis::ConfigIndex& secrets,
                        const analysis::ConfigIndex* config) {
  const std::size_t first = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (first >= bytes.size()) return bytes;
  std::string masked = bytes.substr(0, first);
  std::size_t line = 1;
  for (std::size_t begin = first; begin < bytes.size(); ++line) {
    const std::size_t newline = bytes.find('\n', begin);
    const std::size_t next = newline == std::string::npos ? bytes.size() : newline + 1;
    std::string_view text = std::string_view(bytes).substr(begin, next - begin);
    std::string_view terminator;
    if (text.ends_with("\r\n")) {
      terminator = "\r\n";
    } else if (text.ends_with('\n')) {
      terminator = "\n";
    }
    text.remove_suffix(terminator.size());
    if (config != nullptr && !config->secrets_on(line).empty()) {
      masked += secrets.masked_text(config->masked_line(line));
    } else {
      masked += secrets.masked_text(std::string(text));
    }
    masked += terminator;
    begin = next;
  }
  return masked;
}

// The patch of one rewritten file; masked where a password shows.
std::string file_patch(const report::SourceFile& file, const TextWrite& write, const analysis::ConfigIndex& secrets,
                       bool is_config) {
  const std::string old_label = file.inside_target ? "a/" + file.in_root : file.in_root;
  const std::string new_label = file.inside_target ? "b/" + file.in_root : file.in_root;
  std::string hunks = unified_diff(file.bytes, write.bytes, old_label, new_label);
  // `secrets` indexes server.cfg as first read; only the new text needs parsing.
  const config::ConfigModel new_model =
      config::parse_config(is_config ? std::string_view(write.bytes) : std::string_view(), "");
  const analysis::ConfigIndex new_index(new_model);
  std::string masked = unified_diff(masked_text(file.bytes, secrets, is_config ? &secrets : nullptr),
                                    masked_text(write.bytes, secrets, is_config ? &new_index : nullptr), old_label,
                                    new_label);
  if (masked == hunks) return hunks;
  return fmt::format("# {}: passwords are shown as ***; this part is for reading, not for patch\n", file.display) +
         masked;
}

// The originals --fix keeps before it rewrites a file, as commands run where emglint ran.
std::string kept_originals(const Plan& plan) {
  std::string commands;
  for (const TextWrite& write : plan.texts) {
    if (!write.backup) continue;
    commands += fmt::format("cp -p {} {}", shell_word(write.display), shell_word(write.backup_display));
    if (write.mode_after) commands += fmt::format(" && chmod {:04o} {}", *write.mode_after, shell_word(write.backup_display));
    commands += '\n';
  }
  return commands.empty() ? commands : "# originals kept, to run here first:\n" + commands;
}

}  // namespace

std::string plan_diff(const check::TargetSpec& spec, const check::TargetInput& input, const Plan& plan) {
  const report::SourceFile& config = input.files[input.config_file];
  const config::ConfigModel secrets_model = config::parse_config(config.bytes, "");
  const analysis::ConfigIndex secrets(secrets_model);
  std::string patch = kept_originals(plan);
  for (const TextWrite& write : plan.texts) {
    for (report::FileId id = 0; id < input.files.size(); ++id) {
      const report::SourceFile& file = input.files[id];
      if (file.has_text && file.display == write.display) {
        patch += file_patch(file, write, secrets, &file == &config);
      }
    }
  }
  if (!plan.actions.empty()) {
    patch += fmt::format("# filesystem actions, to run in {}:\n", spec.path);
    for (const report::FsAction& action : plan.actions) patch += shell_command(action) + '\n';
  }
  return patch;
}

}  // namespace emglint::fix
