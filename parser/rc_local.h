// The parts of a boot script (/etc/rc.local) that matter for EMG: the
// `ulimit -n` that raises the open-files limit, the `su ... -c '...'` that
// starts the watchdog, subshells, `exit`, and what makes a command conditional.
#pragma once

#include <cstddef>
#include <map>
#include <utility>
#include <optional>
#include <string>
#include <vector>

namespace emglint::rclocal {

struct ShellCommand {
  std::vector<std::string> words;  // quotes removed
  std::size_t line = 0;            // 1-based
  std::size_t column = 0;          // 1-based, of the command's first word
  bool in_subshell = false;        // inside `( ... )`, on this line or across lines
  // The `( ... )` it runs in, outermost first, each numbered in the order they open (from 1).
  std::vector<std::size_t> subshells;
  bool conditional = false;        // after `&&`/`||`, or inside if/case/a loop/a function
  bool in_su = false;              // one of the commands of an `su ... -c '...'`
  bool su_login = false;           // that su resets the environment and limits (`su -`, `-l`, `--login`)
  bool background = false;         // ends with `&`
  bool guarded = false;            // followed by `&&` or `||`: its failure does not stop `sh -e`
  bool piped = false;              // a part of a pipeline (`a | b`), which runs each part in a process of its own
};

// Subshells nest at most this deep in what emglint follows: each command keeps
// the chain of those around it. Deeper ones are counted, not told apart.
inline constexpr std::size_t max_followed_nesting = 32;

struct RcLocalModel {
  std::string source;
  bool has_shebang = false;
  std::string interpreter;  // the shebang's program without its directory (`sh`, `bash`; `env`'s program followed)
  bool errexit = false;     // the shebang passes `-e` (`#!/bin/sh -e`): a failing command stops the script
  std::vector<std::string> lines;      // without terminators
  std::vector<std::size_t> line_offsets;  // where each line starts in `source`
  std::vector<ShellCommand> commands;  // in order, su commands followed by the commands inside them
  // The first line where subshells nest deeper than max_followed_nesting, if any.
  std::optional<std::size_t> nesting_beyond_bound;
};

[[nodiscard]] RcLocalModel parse_rc_local(std::string source);

// How a shell reads `ulimit` options. bash takes `-H` and `-S` together as
// both limits, and `hard` and `soft` as values; dash (Debian's /bin/sh) keeps
// only the last of `-H` and `-S`, and takes numbers and `unlimited` alone.
enum class ShellDialect { dash, bash };
// The dialect a command runs in: bash where the shebang names it; dash
// otherwise, and inside `su -c`, which runs the user's shell.
[[nodiscard]] ShellDialect dialect_of(const RcLocalModel& model, const ShellCommand& command);

// What a `ulimit ... -n WORD` (also `-Sn`, `-HSn`) sets: WORD with `$NAME`
// followed through `variables` (plain assignments made before it), and the
// number it is, if it is one.
struct OpenFilesValue {
  std::optional<long long> limit;       // none for `unlimited`, `4k`, a number too large, or an unresolved `$NAME`
  std::string word;                     // as written
  std::optional<std::string> resolved;  // none for a `$NAME` that `variables` do not resolve
  bool soft = true;  // sets the soft limit, which a process runs with
  bool hard = true;  // sets the hard limit, the ceiling of the soft one
  bool soft_dropped = false;  // `-S` was named, but dash kept a later `-H` instead
};
// nullopt when the command does not set the open-files limit.
[[nodiscard]] std::optional<OpenFilesValue> ulimit_open_files(const ShellCommand& command,
                                                              const std::map<std::string, std::string>& variables = {},
                                                              ShellDialect dialect = ShellDialect::dash);

// The words of a command joined by blanks, quotes removed: how a message quotes it.
[[nodiscard]] std::string command_text(const ShellCommand& command);

// Whether a command turns `-e` on (true) or off (false): `set -e`, `set -eu`,
// `set -o errexit`, `set +e`; nullopt for any other command.
[[nodiscard]] std::optional<bool> sets_errexit(const ShellCommand& command);

// `NAME=value` or `export NAME=value` with a literal value: the name and value.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> plain_assignment(const ShellCommand& command);

// Whether the command runs `su` (by any path).
[[nodiscard]] bool is_su(const ShellCommand& command);
// The user an `su` command switches to: its first operand after the options
// (`su - emg -c '...'`, `su -s /bin/sh emg -c '...'`), else root.
[[nodiscard]] std::string su_user(const ShellCommand& su);

// Number of problems PEGTL's analyze() finds in the grammar (0: it cannot loop).
[[nodiscard]] std::size_t analyze_rc_local_grammar();

}  // namespace emglint::rclocal
