// Whole-line text edits that several fixes share: insert a line, delete a
// line, comment a line out, rewrite an option. Each edit carries byte offsets
// into the original file and the matching 1-based lines and columns; inserted
// lines end with the file's own line terminator. The line edits work on any
// text given as its bytes and where its lines start (server.cfg, rc.local).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analysis/config_index.h"
#include "inspect/rc_local_facts.h"
#include "parser/config_model.h"
#include "rules/rule.h"

namespace emglint::rules {

// "\r\n" when the first line of `source` ends with CRLF, else "\n": the
// terminator of the lines a fix inserts.
[[nodiscard]] std::string_view line_ending(std::string_view source);

// The generic line edits take the file's bytes and the offset where each line
// starts (line 1 at `line_starts[0]`, after any byte order mark); lines end
// with "\n" or "\r\n", the last one possibly with none.

// The span of the 1-based `line`, without its terminator.
[[nodiscard]] Span line_span(std::string_view source, std::span<const std::size_t> line_starts, std::size_t line);

// Inserts `text` as a new line before the 1-based `line`; one past the last
// line appends it at the end of the file.
[[nodiscard]] TextEdit insert_line_before(FileId file, std::string_view source,
                                          std::span<const std::size_t> line_starts, std::size_t line,
                                          std::string_view text);
[[nodiscard]] TextEdit insert_line_before(const analysis::ConfigIndex& index, FileId file, std::size_t line,
                                          std::string_view text);

// Deletes the 1-based `line` with its terminator (for the last line without
// one, the terminator before it), so no blank line is left behind.
[[nodiscard]] TextEdit delete_line(FileId file, std::string_view source, std::span<const std::size_t> line_starts,
                                   std::size_t line);
[[nodiscard]] TextEdit delete_line(const analysis::ConfigIndex& index, FileId file, std::size_t line);

// The span of a whole rc.local line, without its terminator, for findings.
[[nodiscard]] Span rc_local_line_span(const inspect::RcLocalFacts& rc_local, std::size_t line);
// Edits of whole rc.local lines, in the file's own line ending.
[[nodiscard]] TextEdit insert_rc_local_line(const inspect::RcLocalFacts& rc_local, FileId file, std::size_t before_line,
                                            const std::string& text);
[[nodiscard]] TextEdit delete_rc_local_line(const inspect::RcLocalFacts& rc_local, FileId file, std::size_t line);

// Where `value` stands as the value of the `-n` option on the line of a
// `ulimit` command (`-n 4096`, `-Sn unlimited`, `-n4096`, `-n -H $NOFILE`),
// with the quotes around it (`-n "$L"`): the span a fix rewrites; nullopt
// when it cannot be found.
[[nodiscard]] std::optional<Span> ulimit_value_span(const inspect::RcLocalFacts& rc_local,
                                                    const rclocal::ShellCommand& command, std::string_view value);

// Inserts `#` at the first column of the 1-based `line`.
[[nodiscard]] TextEdit comment_out_line(const analysis::ConfigIndex& index, FileId file, std::size_t line);

// An option's text from its keyword to the end of its value (or of a bare
// flag's keyword): what a finding points at, and what a rewrite replaces so
// that the line's indentation stays.
[[nodiscard]] Span option_text_span(const config::Option& option);

// Where a line belonging at the top of the general section goes: before the
// first line that is neither blank nor a comment, so the file's leading
// comments (and the blank lines among and after them) stay above it; and
// before an inline suppression (`# emglint: ignore ...`), which belongs to the
// line under it. A 1-based line number; one past the last line for a file of
// nothing but comments and blank lines.
[[nodiscard]] std::size_t top_of_general_section(const config::ConfigModel& config);

}  // namespace emglint::rules
