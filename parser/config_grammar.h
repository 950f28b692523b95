// The server.cfg grammar: one line at a time, each line a comment, an option,
// a block header `KIND name <` (KIND not a password's key), a lone `>`, or
// blank. Private to parser/.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <cstring>

namespace emglint::config::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;  // NOLINT(google-build-using-namespace): grammar DSL

// Where the line that `at` is in ends: its `\n`, or the `\r` of its `\r\n`,
// or `end`. memchr is some twenty times faster than a rule per byte, which a
// value of 50 MB makes felt.
inline const char* line_end_from(const char* at, const char* end) {
  const char* const newline = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
  if (newline == nullptr) return end;
  return newline > at && newline[-1] == '\r' ? newline - 1 : newline;
}

// star< seq< not_at< eol >, not_one< '\n', '\0' > > > in one scan: the rest of
// the line's text, up to its end or a NUL (never text, so that it surfaces as
// an error).
struct text_run {
  using rule_t = text_run;
  using subs_t = empty_list;

  template <typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in) noexcept {
    const char* const begin = in.current();
    const char* const line_end = line_end_from(begin, in.end());
    const void* const nul = std::memchr(begin, '\0', static_cast<std::size_t>(line_end - begin));
    const char* const text_end = nul != nullptr ? static_cast<const char*>(nul) : line_end;
    in.bump_in_this_line(static_cast<std::size_t>(text_end - begin));
    return true;
  }
};

// until< line_end > in one scan: every byte up to the line's end, NULs too.
struct line_rest {
  using rule_t = line_rest;
  using subs_t = empty_list;

  template <typename ParseInput>
  [[nodiscard]] static bool match(ParseInput& in) noexcept {
    const char* const begin = in.current();
    in.bump_in_this_line(static_cast<std::size_t>(line_end_from(begin, in.end()) - begin));
    return true;
  }
};

// clang-format off
struct blank : one< ' ', '\t' > {};
struct blanks : star< blank > {};
struct line_end : sor< eol, eof > {};

struct comment_text : text_run {};
struct comment : seq< one< '#' >, comment_text > {};

struct keyword : seq< ranges< 'A', 'Z', 'a', 'z', '_' >, star< ranges< 'A', 'Z', 'a', 'z', '0', '9', '_' > > > {};
struct value : text_run {};
struct assignment : seq< blanks, one< '=' >, blanks, value > {};
struct bare_flag : seq< blanks, at< line_end > > {};

// No `@`: `ADDRESS user:pw@host:1/db`, with a blank typed for `=`, must not make a password a block name.
struct block_name : plus< not_one< ' ', '\t', '<', '>', '=', '#', '@', '\r', '\n', '\0' > > {};
struct block_open : one< '<' > {};
// `CONNECTOR smpp-in` with nothing after the name: reported, yet the block is
// taken as opened so that its options and `>` still make sense.
struct missing_block_open : at< line_end > {};
struct block_opening : sor< block_open, missing_block_open > {};
struct block_header : seq< plus< blank >, block_name, blanks, must< block_opening >, blanks > {};

// A password's key (PASSWORD, PASWORD, DBPASS: parser/words.h) never heads a
// block: in `PASSWORD hunter2`, with a blank typed for `=`, the password would
// become a block name that messages quote. No rule of letters tells such a key,
// so the parser's action fails password_key on every other keyword.
struct password_key : seq< keyword > {};
struct password_option : sor< assignment, bare_flag > {};
struct password_line : seq< password_key, must< password_option > > {};

// After a keyword the line is decided: no later alternative could match it.
struct after_keyword : sor< assignment, bare_flag, block_header > {};
struct keyword_line : seq< keyword, must< after_keyword > > {};

struct comment_line : seq< blanks, comment > {};
struct block_close : seq< blanks, one< '>' >, blanks > {};
struct keyword_led_line : seq< blanks, sor< password_line, keyword_line > > {};
struct blank_line : plus< blank > {};

struct line_content : sor< comment_line, block_close, keyword_led_line, blank_line > {};
struct good_line : seq< must< line_content >, must< line_end > > {};
struct bad_line : seq< any, line_rest, line_end > {};
struct empty_line : eol {};
struct line : sor< empty_line, try_catch< good_line >, bad_line > {};

struct file : seq< star< not_at< eof >, line >, eof > {};
// clang-format on

// What the user reads when a must<> fails; a nullptr message means "not a point of no return".
template <typename Rule>
inline constexpr const char* error_message = nullptr;

template <>
inline constexpr const char* error_message<line_content> =
    "expected an option `KEY=value`, a flag `KEY`, a comment `#...`, a block header `KIND name <` or `>`";
template <>
inline constexpr const char* error_message<after_keyword> =
    "expected `=` and a value, the end of the line for a flag, or a block name followed by `<`";
template <>
inline constexpr const char* error_message<password_option> =
    "expected `=` and a value after a password's key, or the end of the line for a flag";
template <>
inline constexpr const char* error_message<block_opening> = "expected `<` after the block name";
template <>
inline constexpr const char* error_message<line_end> = "expected the end of the line";

}  // namespace emglint::config::grammar

namespace tao::pegtl {
// Both may match nothing, and never loop: what PEGTL's analyze() must know of them.
template <typename Name>
struct analyze_traits<Name, emglint::config::grammar::text_run> : analyze_opt_traits<> {};
template <typename Name>
struct analyze_traits<Name, emglint::config::grammar::line_rest> : analyze_opt_traits<> {};
}  // namespace tao::pegtl
