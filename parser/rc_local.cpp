#include "parser/rc_local.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <charconv>
#include <tao/pegtl/contrib/analyze.hpp>

#include "parser/rc_local_grammar.h"
#include "report/work_counter.h"

namespace emglint::rclocal {

namespace {

namespace pegtl = tao::pegtl;

enum class TokenKind { word, and_or, terminator, open_subshell, close_subshell };

struct Token {
  TokenKind kind;
  std::string text;  // a word without its quotes; the separator as written
  std::size_t line;
  std::size_t column;
};

std::string unquote(std::string_view raw) {
  std::string word;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\'') {
      const auto close = raw.find('\'', i + 1);
      const auto end = close == std::string_view::npos ? raw.size() : close;
      word.append(raw.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      for (++i; i < raw.size() && raw[i] != '"'; ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && std::string_view("\"\\$`").find(raw[i + 1]) != std::string_view::npos) {
          ++i;
        }
        word += raw[i];
      }
    } else if (c == '\\' && i + 1 < raw.size()) {
      word += raw[++i];
    } else {
      word += c;
    }
  }
  return word;
}

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

struct Shebang {
  std::string interpreter;
  bool errexit = false;
};

// The program of a `#!` line, without its directory (`#!/bin/sh -e` is `sh`,
// `#!/usr/bin/env bash` is `bash`), and whether its options hold `-e`.
Shebang shebang_of(std::string_view source) {
  std::string_view line = source.substr(2, source.find('\n') - 2);
  std::vector<std::string_view> words;
  while (!line.empty()) {
    const auto begin = line.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) break;
    line.remove_prefix(begin);
    const auto end = std::min(line.find_first_of(" \t\r"), line.size());
    words.push_back(line.substr(0, end));
    line.remove_prefix(end);
  }
  if (words.empty()) return {};
  auto named = words.begin();
  if (basename(*named) == "env") {
    // `env -S bash -e` and the like: the first word that is neither an option nor an assignment.
    named = std::find_if(words.begin() + 1, words.end(), [](std::string_view word) {
      return !word.starts_with('-') && word.find('=') == std::string_view::npos;
    });
    if (named == words.end()) return {};
  }
  Shebang shebang{.interpreter = std::string(basename(*named))};
  // Linux passes what follows the program as one word: `-e`, `-ex`, `-e -x`.
  for (auto option = named + 1; option != words.end(); ++option) {
    if (option->starts_with('-') && !option->starts_with("--") && option->find('e') != std::string_view::npos) {
      shebang.errexit = true;
    }
  }
  return shebang;
}

// Folds tokens into commands as the tokenizer reads them, keeping the state
// that spans lines: open subshells and compound commands (if/case/loops/functions).
class CommandBuilder {
 public:
  // `line_override`: the line of the `su` whose `-c` script this builder reads (0 for the file itself).
  CommandBuilder(RcLocalModel& model, bool in_su, bool su_login, std::size_t line_override)
      : model_(model), in_su_(in_su), su_login_(su_login), line_override_(line_override) {}
  CommandBuilder(const CommandBuilder&) = delete;
  CommandBuilder& operator=(const CommandBuilder&) = delete;

  void take(const Token& token) {
    // In the file, the end of a physical line ends a command, not the state
    // around it; an `su -c` script is read as one line, the su's.
    if (line_override_ == 0 && token.line != line_) {
      finish(false);
      next_conditional_ = false;
      line_ = token.line;
    }
    switch (token.kind) {
      case TokenKind::word:
        if (current_.words.empty()) {
          current_.line = line_override_ != 0 ? line_override_ : token.line;
          current_.column = line_override_ != 0 ? 1 : token.column;
        }
        current_.words.push_back(token.text);
        break;
      case TokenKind::open_subshell:
        if (current_.words.empty()) {
          open_subshell();
        } else {
          function_pending_ = true;  // `name() {`
        }
        break;
      case TokenKind::close_subshell:
        if (function_pending_) break;
        finish(false);
        close_subshell();
        break;
      case TokenKind::and_or:
        if (!current_.words.empty()) current_.guarded = true;
        finish(false);
        next_conditional_ = true;
        break;
      case TokenKind::terminator: finish(token.text == "&", token.text == "|"); break;
    }
  }

  void end_of_input() { finish(false); }

 private:
  // Each command keeps the chain of subshells around it, so the chain is
  // bounded: past max_followed_nesting, subshells are counted, not recorded.
  void open_subshell() {
    ++*opened_;
    if (subshells_.size() < max_followed_nesting) {
      subshells_.push_back(*opened_);
      return;
    }
    ++unrecorded_subshells_;
    note_nesting_beyond_bound(line_override_ != 0 ? line_override_ : line_);
  }

  void close_subshell() {
    if (unrecorded_subshells_ > 0) {
      --unrecorded_subshells_;
    } else if (!subshells_.empty()) {
      subshells_.pop_back();
    }
  }

  void note_nesting_beyond_bound(std::size_t line) {
    if (!model_.nesting_beyond_bound) model_.nesting_beyond_bound = line;
  }

  // The words after the keywords that lead into a command (`if`, `then`,
  // `!`, ...), erased at once: one by one from the front would cost the
  // square of a long line's words.
  static void drop_leading_keywords(std::vector<std::string>& words) {
    const auto leads_in = [](const std::string& word) {
      return word == "if" || word == "while" || word == "until" || word == "then" || word == "do" || word == "else" ||
             word == "elif" || word == "{" || word == "!";
    };
    const auto first_command_word = std::find_if_not(words.begin(), words.end(), leads_in);
    report::count_work(words.size());
    words.erase(words.begin(), first_command_word);
  }

  // `piped`: a `|` ends the command, so it and the next one are parts of a pipeline.
  void finish(bool background, bool piped = false) {
    std::vector<std::string>& words = current_.words;
    if (words.empty()) return;
    const std::string& first = words.front();
    if (first == "if" || first == "while" || first == "until" || first == "case" || first == "for") {
      ++compound_depth_;
      if (first == "case" || first == "for") words.clear();
    } else if (first == "fi" || first == "done" || first == "esac" || (first == "}" && compound_depth_ > 0)) {
      if (compound_depth_ > 0) --compound_depth_;
      words.clear();
    } else if (first == "{" && function_pending_) {
      ++compound_depth_;
      function_pending_ = false;
    }
    if (function_pending_ && words.size() == 2 && words[1] == "{") {
      ++compound_depth_;
      function_pending_ = false;
      words.clear();
    }
    drop_leading_keywords(words);
    if (!words.empty()) {
      current_.subshells = subshells_;
      current_.in_subshell = !subshells_.empty();
      current_.piped = piped || next_piped_;
      current_.conditional = next_conditional_ || compound_depth_ > 0;
      current_.in_su = in_su_;
      current_.su_login = su_login_;
      current_.background = background;
      model_.commands.push_back(std::move(current_));
      if (!in_su_) expand_su(model_.commands.back());
    }
    current_ = {};
    next_conditional_ = false;
    next_piped_ = piped;
  }

  void expand_su(const ShellCommand& su);

  RcLocalModel& model_;
  ShellCommand current_;
  std::size_t line_ = 0;  // of the last token read
  std::size_t opened_here_ = 0;
  std::size_t* opened_ = &opened_here_;  // subshells opened so far, counted across su's inner commands
  std::vector<std::size_t> subshells_;   // those open, outermost first
  std::size_t unrecorded_subshells_ = 0;  // open beyond max_followed_nesting
  int compound_depth_ = 0;
  bool function_pending_ = false;
  bool next_conditional_ = false;
  bool next_piped_ = false;
  bool in_su_ = false;
  bool su_login_ = false;
  std::size_t line_override_ = 0;
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <typename Kind, TokenKind kind, bool unquoted = false>
struct token_action {
  template <typename ActionInput>
  static void apply(const ActionInput& in, CommandBuilder& builder) {
    const auto position = in.position();
    builder.take({kind, unquoted ? unquote(in.string_view()) : in.string(), position.line, position.column});
  }
};

template <>
struct action<grammar::word> : token_action<grammar::word, TokenKind::word, true> {};
template <>
struct action<grammar::and_or> : token_action<grammar::and_or, TokenKind::and_or> {};
template <>
struct action<grammar::terminator> : token_action<grammar::terminator, TokenKind::terminator> {};
template <>
struct action<grammar::open_subshell> : token_action<grammar::open_subshell, TokenKind::open_subshell> {};
template <>
struct action<grammar::close_subshell> : token_action<grammar::close_subshell, TokenKind::close_subshell> {};

// Hands each token to `builder` as it is read: a line of millions of `(`
// is never held as millions of tokens.
void tokenize_into(std::string_view text, CommandBuilder& builder) {
  pegtl::memory_input<pegtl::tracking_mode::eager, pegtl::eol::lf_crlf> input(text.data(), text.size(), "rc.local");
  pegtl::parse<grammar::script, action>(input, builder);
  builder.end_of_input();
}

// `su [-|-l|--login] [USER] -c 'COMMANDS'`: the COMMANDS run in a new shell
// as USER; they are parsed too, and marked as inside that su.
void CommandBuilder::expand_su(const ShellCommand& su) {
  if (!is_su(su)) return;
  bool login = false;
  std::optional<std::string> script;
  for (std::size_t i = 1; i < su.words.size(); ++i) {
    const std::string& word = su.words[i];
    if (word == "-" || word == "-l" || word == "--login") login = true;
    if ((word == "-c" || word == "--command") && i + 1 < su.words.size()) script = su.words[++i];
    if (word.starts_with("--command=")) script = word.substr(10);
  }
  if (!script) return;
  // An su inside the script is not expanded again (see finish): one level, no deeper recursion.
  // `su` lives in the model's commands, which the inner commands grow.
  CommandBuilder inner(model_, true, login, su.line);
  inner.opened_ = opened_;
  inner.subshells_ = subshells_;
  inner.unrecorded_subshells_ = unrecorded_subshells_;
  inner.compound_depth_ = compound_depth_;
  tokenize_into(*script, inner);
}

}  // namespace

RcLocalModel parse_rc_local(std::string source) {
  RcLocalModel model;
  model.source = std::move(source);
  model.has_shebang = model.source.starts_with("#!");
  if (model.has_shebang) {
    const Shebang shebang = shebang_of(model.source);
    model.interpreter = shebang.interpreter;
    model.errexit = shebang.errexit;
  }
  // Exactly one allocation for the lines, whatever their number.
  model.lines.reserve(static_cast<std::size_t>(std::count(model.source.begin(), model.source.end(), '\n')) + 1);
  model.line_offsets.reserve(model.lines.capacity());
  std::string_view rest = model.source;
  while (!rest.empty()) {
    const auto newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    if (line.ends_with('\r')) line.remove_suffix(1);
    model.line_offsets.push_back(model.source.size() - rest.size());
    model.lines.emplace_back(line);
    if (newline == std::string_view::npos) break;
    rest.remove_prefix(newline + 1);
  }

  CommandBuilder builder(model, false, false, 0);
  tokenize_into(model.source, builder);
  return model;
}

namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// `-H`, `-Sn`, `--`: options, where `-1` is a (negative) operand.
bool is_option_word(std::string_view word) {
  return word.size() >= 2 && word.front() == '-' && std::all_of(word.begin() + 1, word.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c)) || c == '-';
         });
}

// `$NAME` or `${NAME}` resolved from `variables`; a literal word as it is; nullopt when unresolved.
std::optional<std::string> expanded(const std::string& word, const std::map<std::string, std::string>& variables) {
  if (!word.starts_with('$')) return word;
  std::string_view name = std::string_view(word).substr(1);
  if (name.starts_with('{') && name.ends_with('}')) name = name.substr(1, name.size() - 2);
  if (!is_variable_name(name)) return std::nullopt;
  const auto found = variables.find(std::string(name));
  if (found == variables.end()) return std::nullopt;
  return found->second;
}

}  // namespace

bool is_su(const ShellCommand& command) { return !command.words.empty() && basename(command.words.front()) == "su"; }

std::string su_user(const ShellCommand& su) {
  // util-linux su: these short options take an argument, joined (`-sbash`) or as the next word.
  const std::string_view with_argument = "cgGsw";
  for (std::size_t i = 1; i < su.words.size(); ++i) {
    const std::string& word = su.words[i];
    if (word == "--") return i + 1 < su.words.size() ? su.words[i + 1] : "root";
    if (word == "-") continue;  // a login su
    if (word.starts_with("--")) {
      // Long options with a separate argument; `--shell=/bin/sh` is one word.
      if (word.find('=') == std::string::npos &&
          (word == "--command" || word == "--session-command" || word == "--group" || word == "--supp-group" ||
           word == "--shell" || word == "--whitelist-environment")) {
        ++i;
      }
      continue;
    }
    if (word.starts_with('-')) {
      for (std::size_t at = 1; at < word.size(); ++at) {
        if (with_argument.find(word[at]) == std::string_view::npos) continue;
        if (at + 1 == word.size()) ++i;  // the argument is the next word
        break;
      }
      continue;
    }
    return word;
  }
  return "root";
}

std::string command_text(const ShellCommand& command) {
  std::string text;
  for (const auto& word : command.words) text += (text.empty() ? "" : " ") + word;
  return text;
}

std::optional<bool> sets_errexit(const ShellCommand& command) {
  const auto& words = command.words;
  if (words.empty() || words.front() != "set") return std::nullopt;
  std::optional<bool> errexit;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word.size() < 2 || (word.front() != '-' && word.front() != '+') || word == "--") continue;
    const bool on = word.front() == '-';
    if (word == "-o" || word == "+o") {
      if (i + 1 < words.size() && words[i + 1] == "errexit") errexit = on;
      ++i;
    } else if (word.find('e') != std::string::npos) {
      errexit = on;
    }
  }
  return errexit;
}

std::optional<std::pair<std::string, std::string>> plain_assignment(const ShellCommand& command) {
  const auto& words = command.words;
  const std::size_t at = !words.empty() && words.front() == "export" ? 1 : 0;
  if (words.size() != at + 1) return std::nullopt;
  const std::string& word = words[at];
  const auto equals = word.find('=');
  if (equals == std::string::npos || !is_variable_name(std::string_view(word).substr(0, equals))) return std::nullopt;
  const std::string value = word.substr(equals + 1);
  // `$(...)`, backquotes or another variable: what it holds at boot cannot be read here.
  if (value.find_first_of("$`") != std::string::npos) return std::nullopt;
  return std::make_pair(word.substr(0, equals), value);
}

ShellDialect dialect_of(const RcLocalModel& model, const ShellCommand& command) {
  return !command.in_su && model.interpreter == "bash" ? ShellDialect::bash : ShellDialect::dash;
}

std::optional<OpenFilesValue> ulimit_open_files(const ShellCommand& command,
                                                const std::map<std::string, std::string>& variables,
                                                ShellDialect dialect) {
  if (command.words.empty() || basename(command.words.front()) != "ulimit") return std::nullopt;
  // `-H` and `-S` count wherever they stand among the options (bash reads
  // `ulimit -n 4096 -H` as a hard limit); with neither, both limits are set.
  bool hard = false;
  bool soft = false;
  bool soft_dropped = false;
  std::optional<std::string> value;
  for (std::size_t i = 1; i < command.words.size(); ++i) {
    const std::string& word = command.words[i];
    // Options are letters after `-`, the last of them possibly joined to a value (`-n4096`).
    if (word.size() < 2 || word.front() != '-' || !std::isalpha(static_cast<unsigned char>(word[1]))) continue;
    for (std::size_t at = 1; at < word.size(); ++at) {
      const char flag = word[at];
      if (flag == 'H' || flag == 'S') {
        const bool names_hard = flag == 'H';
        // dash keeps the last one named: `-SHn` is the hard limit alone.
        if (dialect == ShellDialect::dash) {
          soft_dropped = names_hard && (soft || soft_dropped);
          hard = soft = false;
        }
        (names_hard ? hard : soft) = true;
      } else if (flag == 'n' && !value) {
        // `-n4096` or `-n 4096`; a bare `-n` prints the limit and sets nothing.
        if (at + 1 < word.size()) {
          value = word.substr(at + 1);
        } else {
          // The next word that is not an option (`-n -H 4096`, `-n -- 4096`); `-1` is a value, if a bad one.
          std::size_t next = i + 1;
          while (next < command.words.size() && is_option_word(command.words[next])) ++next;
          if (next < command.words.size()) value = command.words[next];
        }
        break;
      }
    }
  }
  if (!value || value->empty()) return std::nullopt;
  OpenFilesValue result{.limit = std::nullopt,
                        .word = *value,
                        .resolved = expanded(*value, variables),
                        .soft = soft || !hard,
                        .hard = hard || !soft,
                        .soft_dropped = soft_dropped};
  if (!result.resolved) return result;
  const std::string& resolved = *result.resolved;
  long long number = 0;
  const auto [end, error] = std::from_chars(resolved.data(), resolved.data() + resolved.size(), number);
  if (error == std::errc{} && end == resolved.data() + resolved.size() && number >= 0) result.limit = number;
  return result;
}

std::size_t analyze_rc_local_grammar() { return tao::pegtl::analyze<grammar::script>(-1); }

}  // namespace emglint::rclocal
