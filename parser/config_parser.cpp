#include "parser/config_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <tao/pegtl/contrib/analyze.hpp>

#include "parser/config_grammar.h"
#include "parser/words.h"

namespace emglint::config {

namespace {

namespace pegtl = tao::pegtl;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// What the actions gather for the line being parsed; committed when the line ends.
struct PendingLine {
  LineKind kind = LineKind::blank;
  Span key_span;
  std::optional<Span> value_span;
  Span name_span;
  std::optional<Span> missing_open;  // where `<` should have been
  Span comment_span;
};

struct ParseState {
  ConfigModel& model;
  std::size_t offset;  // bytes before the parsed input (the BOM)
  PendingLine pending;
  std::optional<SyntaxError> line_error;  // recorded by raise(), consumed by the bad line
  int open_block = -1;

  template <typename Position>
  [[nodiscard]] Span point(const Position& position) const {
    const std::size_t begin = position.byte + offset;
    return {position.line, position.column, position.line, position.column + 1, begin, begin + 1};
  }

  // A span of text on one line starting at `position`. The actions pass the
  // input's iterator: its position() would copy the source's name, each line.
  template <typename Position>
  [[nodiscard]] Span span_of(const Position& position, std::size_t size) const {
    const std::size_t begin = position.byte + offset;
    return {position.line, position.column, position.line, position.column + size, begin, begin + size};
  }

  void add_error(Span at, std::string message) {
    if (model.errors.size() >= max_recorded_errors) {
      ++model.errors_not_recorded;
      return;
    }
    model.errors.push_back({at, std::move(message)});
  }

  std::string describe_open_block() const {
    const Block& block = model.blocks[static_cast<std::size_t>(open_block)];
    return fmt::format("`{} {}` (opened at line {})", block.kind(), block.name(), block.line());
  }

  void commit(LineKind kind, Span line_span);
};

// Where `part`, a span on the line `line`, lies within it.
LinePart part_of(const Span& part, const Span& line) {
  return {.offset = static_cast<std::uint32_t>(part.begin - line.begin),
          .size = static_cast<std::uint32_t>(part.end - part.begin)};
}

void ParseState::commit(LineKind kind, Span line_span) {
  model.lines.push_back(
      {.begin = line_span.begin, .size = static_cast<std::uint32_t>(line_span.end - line_span.begin), .kind = kind});
  const LinePlace place = model.line_place(model.lines.size());
  PendingLine line = pending;
  pending = {};
  switch (kind) {
    case LineKind::blank:
    case LineKind::invalid: break;
    case LineKind::comment: model.comments.emplace_back(place, part_of(line.comment_span, line_span)); break;
    case LineKind::option: {
      const std::optional<LinePart> value =
          line.value_span ? std::optional(part_of(*line.value_span, line_span)) : std::nullopt;
      OptionList& options = open_block < 0 ? model.general : *model.block_options;
      options.emplace_back(place, part_of(line.key_span, line_span), value, open_block, model.blocks.empty());
      break;
    }
    case LineKind::block_header:
      if (line.missing_open) {
        add_error(*line.missing_open, "expected `<` after the block name, found the end of the line");
        // Inside a block, `WORD WORD` is more likely a mistyped option than a
        // new block: opening one would turn every later line into an error.
        if (open_block >= 0) {
          model.lines.back().kind = LineKind::invalid;
          break;
        }
      }
      if (open_block >= 0) {
        add_error(line.key_span, fmt::format("expected `>` to close block {} before a new block; blocks do not nest",
                                             describe_open_block()));
      }
      // Blocks do not nest: the options of the one before, if any, are all there.
      if (!model.blocks.empty()) model.blocks.back().end_options();
      model.blocks.emplace_back(place, part_of(line.key_span, line_span), part_of(line.name_span, line_span),
                                *model.block_options);
      open_block = static_cast<int>(model.blocks.size()) - 1;
      break;
    case LineKind::block_close:
      if (open_block < 0) {
        const auto column = model.line_text(line_span.line).find('>');
        Span at = line_span;
        at.column += column;
        at.end_column = at.column + 1;
        at.begin += column;
        at.end = at.begin + 1;
        add_error(at, "unexpected `>`: no block is open");
      } else {
        model.blocks[static_cast<std::size_t>(open_block)].set_close_line(line_span.line);
        open_block = -1;
      }
      break;
  }
}

// A line's span without its terminator, from the input an action saw.
template <typename ActionInput>
Span line_span_of(const ActionInput& in, const ParseState& state) {
  std::string_view text(in.begin(), in.size());
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return state.span_of(in.iterator(), text.size());
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<grammar::comment> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.pending.kind = LineKind::comment;
    state.pending.comment_span = state.span_of(in.iterator(), in.size());
  }
};

template <>
struct action<grammar::keyword> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.pending.key_span = state.span_of(in.iterator(), in.size());
  }
};

// Returning false fails the rule: the one choice in the grammar that needs words.h.
template <>
struct action<grammar::password_key> {
  template <typename ActionInput>
  static bool apply(const ActionInput& in, ParseState&) {
    return is_password_key(in.string_view());
  }
};

template <>
struct action<grammar::value> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    std::string_view text(in.begin(), in.size());
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    state.pending.value_span = state.span_of(in.iterator(), text.size());
  }
};

template <>
struct action<grammar::assignment> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.pending.kind = LineKind::option;
  }
};

template <>
struct action<grammar::bare_flag> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.pending.kind = LineKind::option;
  }
};

template <>
struct action<grammar::block_name> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.pending.name_span = state.span_of(in.iterator(), in.size());
  }
};

template <>
struct action<grammar::missing_block_open> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.pending.missing_open = state.point(in.iterator());
  }
};

template <>
struct action<grammar::block_header> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.pending.kind = LineKind::block_header;
  }
};

template <>
struct action<grammar::block_close> {
  template <typename ActionInput>
  static void apply(const ActionInput&, ParseState& state) {
    state.pending.kind = LineKind::block_close;
  }
};

template <>
struct action<grammar::good_line> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.commit(state.pending.kind, line_span_of(in, state));
  }
};

template <>
struct action<grammar::empty_line> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    state.commit(LineKind::blank, line_span_of(in, state));
  }
};

template <>
struct action<grammar::bad_line> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ParseState& state) {
    if (state.line_error) {
      state.add_error(state.line_error->at, std::move(state.line_error->message));
      state.line_error.reset();
    }
    state.commit(LineKind::invalid, line_span_of(in, state));
  }
};

// Records the message of a failed must<> for the bad line that follows, then
// unwinds to the line's try_catch.
template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename ParseInput>
  [[noreturn]] static void raise(const ParseInput& in, ParseState& state) {
    static_assert(grammar::error_message<Rule> != nullptr, "every must<> needs a message in config_grammar.h");
    std::string message = grammar::error_message<Rule>;
    if (in.empty()) {
      message += ", found the end of the file";
    } else if (*in.current() == '\0') {
      message = "unexpected NUL byte: server.cfg must be text";
    } else if (*in.current() == '\n' || (*in.current() == '\r' && in.size(2) >= 2 && in.peek_char(1) == '\n')) {
      message += ", found the end of the line";
    } else {
      message += fmt::format(", found `{}`", describe_byte(*in.current()));
    }
    state.line_error = SyntaxError{state.point(in.position()), message};
    throw pegtl::parse_error(std::move(message), in);
  }

  static std::string describe_byte(char byte) {
    const auto code = static_cast<unsigned char>(byte);
    if (code == '\r') return "\\r";
    if (code < 0x20 || code >= 0x7f) return fmt::format("\\x{:02X}", code);
    return std::string(1, byte);
  }
};

// Where the first NUL byte of the file's start is, when there is one: such a
// file is binary (a core dump, a tarball, a UTF-16 file), and its "lines" would
// only yield errors that quote garbage.
std::optional<SyntaxError> binary_error(std::string_view source, std::size_t bom_size) {
  const std::size_t nul = source.substr(0, text_probe_size).find('\0');
  if (nul == std::string_view::npos) return std::nullopt;
  const std::string_view before = source.substr(0, nul);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = line == 1 ? bom_size : before.rfind('\n') + 1;
  const std::size_t column = nul - line_start + 1;
  return SyntaxError{
      {line, column, line, column + 1, nul, nul + 1},
      fmt::format("not a text file: it holds a NUL byte at line {}, column {} (byte offset {})", line, column, nul)};
}

}  // namespace

ConfigModel parse_config(std::string_view source, std::string_view source_name) {
  ConfigModel model;
  model.source = source;
  std::string_view text = model.source;
  if (text.starts_with(utf8_bom)) {
    model.has_bom = true;
    text.remove_prefix(utf8_bom.size());
  }
  if (auto error = binary_error(model.source, model.has_bom ? utf8_bom.size() : 0)) {
    model.is_text = false;
    model.errors.push_back(std::move(*error));
    return model;
  }
  if (source.size() > max_config_size) {
    model.is_text = false;
    model.errors.push_back({{1, 1, 1, 2, 0, 1},
                            fmt::format("too large to check: {} bytes, more than the {} bytes emglint parses",
                                        source.size(), max_config_size)});
    return model;
  }

  // A line is a newline, or what follows the last one: counted first, the
  // lines take their exact room, never twice it.
  const auto newlines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  model.lines.reserve(newlines + (text.empty() || text.ends_with('\n') ? 0 : 1));
  ParseState state{.model = model,
                   .offset = model.has_bom ? utf8_bom.size() : 0,
                   .pending = {},
                   .line_error = std::nullopt,
                   .open_block = -1};
  pegtl::memory_input<pegtl::tracking_mode::eager, pegtl::eol::lf_crlf> input(text.data(), text.size(),
                                                                              std::string(source_name));
  pegtl::parse<grammar::file, action, control>(input, state);

  if (!model.blocks.empty()) model.blocks.back().end_options();

  if (state.open_block >= 0) {
    const Block& block = model.blocks[static_cast<std::size_t>(state.open_block)];
    state.add_error(block.kind_span(), fmt::format("block `{} {}` is never closed: expected a line `>` before the end "
                                                   "of the file",
                                                   block.kind(), block.name()));
  }
  std::stable_sort(model.errors.begin(), model.errors.end(), [](const SyntaxError& a, const SyntaxError& b) {
    return std::tie(a.at.line, a.at.column) < std::tie(b.at.line, b.at.column);
  });
  return model;
}

std::size_t analyze_config_grammar() { return tao::pegtl::analyze<grammar::file>(-1); }

}  // namespace emglint::config
