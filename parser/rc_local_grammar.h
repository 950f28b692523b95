// A small grammar for one line of a POSIX shell script: commands made of
// words (bare, '...' or "..."), separators, subshell parentheses, comments.
// It recognises structure, not meaning; unparsable text ends up in a word.
#pragma once

#include <tao/pegtl.hpp>

namespace emglint::rclocal::grammar {

using namespace tao::pegtl;  // NOLINT(google-build-using-namespace): grammar DSL

// clang-format off
struct blank : one< ' ', '\t' > {};
struct line_char : seq< not_at< eol >, any > {};

struct single_quoted : seq< one< '\'' >, until< sor< one< '\'' >, at< eol >, eof >, line_char > > {};
struct escaped : seq< one< '\\' >, line_char > {};
struct double_quoted : seq< one< '"' >, until< sor< one< '"' >, at< eol >, eof >, sor< escaped, line_char > > > {};
struct bare : plus< not_at< eol >, not_one< ' ', '\t', '\'', '"', ';', '&', '|', '(', ')', '\\' > > {};
struct word_part : sor< single_quoted, double_quoted, escaped, bare > {};
// `#` starts a comment only at the start of a word.
struct word : seq< not_at< one< '#' > >, plus< word_part > > {};

struct and_or : sor< string< '&', '&' >, string< '|', '|' > > {};
struct terminator : one< ';', '&', '|' > {};
struct open_subshell : one< '(' > {};
struct close_subshell : one< ')' > {};
struct comment : seq< one< '#' >, star< line_char > > {};

struct item : sor< comment, open_subshell, close_subshell, and_or, terminator, word > {};
// A stray character (a lone backslash before the end of a line) is skipped, never fatal.
struct skip : line_char {};
struct content : plus< sor< blank, item, skip > > {};
struct script_line : sor< eol, seq< content, sor< eol, eof > > > {};
struct script : seq< star< script_line >, eof > {};
// clang-format on

}  // namespace emglint::rclocal::grammar
