// The plain model of a server.cfg: what each line is, where it stands, and
// the exact bytes it came from, so a fix can rewrite one line and keep the rest.
// The model holds where things are, not copies of them: a line of a
// few bytes must not cost a hundred (issue 15 bounds a check's memory by the
// input's size), so every text it answers is a view into the bytes it was
// parsed from, which its parser's caller keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/span.h"

namespace emglint::config {

// Spans are offsets into ConfigModel::source, the original file including any byte order mark.
using report::Span;

enum class LineKind : std::uint8_t { blank, comment, option, block_header, block_close, invalid };

struct Line {
  std::size_t begin = 0;   // offset of the line's first byte in ConfigModel::source
  std::uint32_t size = 0;  // without its line terminator
  LineKind kind = LineKind::blank;
};

// Bytes [offset, offset + size) of one line, counted from the line's first byte.
struct LinePart {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

// The line an item of the model stands on, enough to show any part of it
// without the model at hand.
struct LinePlace {
  const char* text = nullptr;  // the line's first byte in ConfigModel::source
  std::size_t begin = 0;       // its offset there
  std::uint32_t number = 0;    // 1-based
  std::uint32_t size = 0;      // without its line terminator

  [[nodiscard]] std::string_view view(LinePart part) const { return {text + part.offset, part.size}; }
  // 1-based columns counting bytes from the line's first byte (after a byte order mark on line 1).
  [[nodiscard]] Span span(LinePart part) const;
  [[nodiscard]] Span span() const { return span({.offset = 0, .size = size}); }
};

class Option {
 public:
  Option(LinePlace line, LinePart key, std::optional<LinePart> value, int block, bool before_first_block);

  [[nodiscard]] std::string_view key() const { return line_.view(key_); }  // as written
  // Trimmed; nullopt for a bare flag.
  [[nodiscard]] std::optional<std::string_view> value() const;
  [[nodiscard]] std::size_t line() const { return line_.number; }
  [[nodiscard]] Span span() const { return line_.span(); }  // the whole line content
  [[nodiscard]] Span key_span() const { return line_.span(key_); }
  [[nodiscard]] std::optional<Span> value_span() const;
  // Index into ConfigModel::blocks, -1 for general.
  [[nodiscard]] int block() const { return block_; }
  // Only meaningful for general options.
  [[nodiscard]] bool before_first_block() const { return before_first_block_; }

 private:
  LinePlace line_;
  LinePart key_;
  LinePart value_;
  std::int32_t block_;
  bool has_value_;
  bool before_first_block_;
};

// What a line and an option may cost (issue 15: a check's peak memory within
// 50 times a file of short lines, where a line is a couple of bytes); a
// block's header is a few bytes more.
static_assert(sizeof(Line) <= 16);
static_assert(sizeof(Option) <= 48);

class Comment {
 public:
  Comment(LinePlace line, LinePart comment) : line_(line), comment_(comment) {}

  // After '#', as written (may hold Latin-1 bytes).
  [[nodiscard]] std::string_view text() const { return line_.view(comment_).substr(1); }
  [[nodiscard]] std::size_t line() const { return line_.number; }
  [[nodiscard]] Span span() const { return line_.span(comment_); }  // from '#' to the end of the line

 private:
  LinePlace line_;
  LinePart comment_;
};

// Options, blocks and comments are kept in deques: adding one never moves the
// others, so that no pointer to one is left behind and the copy a vector's
// growth makes is not paid for.
using OptionList = std::deque<Option>;

// A stretch of an OptionList, for range-for and indexing. (Not a
// std::ranges::subrange: clang 14, which CI's sanitizer build uses, cannot
// compile libstdc++ 12's ranges.)
class OptionRange {
 public:
  using iterator = OptionList::const_iterator;

  OptionRange() = default;
  OptionRange(iterator first, iterator last) : first_(first), last_(last) {}

  [[nodiscard]] iterator begin() const { return first_; }
  [[nodiscard]] iterator end() const { return last_; }
  [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(last_ - first_); }
  [[nodiscard]] bool empty() const { return first_ == last_; }
  [[nodiscard]] const Option& operator[](std::size_t index) const { return first_[static_cast<std::ptrdiff_t>(index)]; }

 private:
  iterator first_;
  iterator last_;
};

// Two option lists read as one, the first then the second: every option of
// a file, the general section's then the blocks', without an array of them.
class OptionsInOrder {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Option;
    using difference_type = std::ptrdiff_t;
    using pointer = const Option*;
    using reference = const Option&;

    iterator() = default;
    iterator(const OptionList* first, const OptionList* second, std::size_t index)
        : first_(first), second_(second), index_(index) {}

    reference operator*() const {
      return index_ < first_->size() ? (*first_)[index_] : (*second_)[index_ - first_->size()];
    }
    pointer operator->() const { return &**this; }
    iterator& operator++() {
      ++index_;
      return *this;
    }
    iterator operator++(int) {
      const iterator before = *this;
      ++index_;
      return before;
    }
    bool operator==(const iterator& other) const { return index_ == other.index_; }

   private:
    const OptionList* first_ = nullptr;
    const OptionList* second_ = nullptr;
    std::size_t index_ = 0;
  };

  OptionsInOrder(const OptionList& first, const OptionList& second) : first_(&first), second_(&second) {}

  [[nodiscard]] iterator begin() const { return {first_, second_, 0}; }
  [[nodiscard]] iterator end() const { return {first_, second_, first_->size() + second_->size()}; }

 private:
  const OptionList* first_;
  const OptionList* second_;
};

class Block {
 public:
  // Its options are those `options`, ConfigModel::block_options, gets from now until end_options().
  Block(LinePlace header, LinePart kind, LinePart name, const OptionList& options);

  [[nodiscard]] std::string_view kind() const { return header_.view(kind_); }  // as written
  [[nodiscard]] std::string_view name() const { return header_.view(name_); }
  [[nodiscard]] std::size_t line() const { return header_.number; }
  [[nodiscard]] Span header_span() const { return header_.span(); }
  [[nodiscard]] Span kind_span() const { return header_.span(kind_); }
  [[nodiscard]] Span name_span() const { return header_.span(name_); }
  // Nullopt when never closed.
  [[nodiscard]] std::optional<std::size_t> close_line() const;
  [[nodiscard]] OptionRange options() const;

  // For the parser, which learns them after the header.
  void set_close_line(std::size_t line) { close_line_ = static_cast<std::uint32_t>(line); }
  void end_options();

 private:
  LinePlace header_;
  LinePart kind_;
  LinePart name_;
  const OptionList* options_;
  std::uint32_t first_option_;
  std::uint32_t option_count_ = 0;
  std::uint32_t close_line_ = 0;  // 0 when never closed
};

static_assert(sizeof(Block) <= 64);

struct SyntaxError {
  Span at;  // a single position: line and column of what was unexpected
  std::string message;
};

// Move-only: its blocks refer to the options it keeps.
struct ConfigModel {
  std::string_view source;  // the file's bytes, untouched, as the caller of parse_config keeps them
  bool has_bom = false;
  // False for a file that is not parsed: a binary file, whose one error says
  // where its first NUL byte is, or one too large for the model's positions.
  bool is_text = true;
  std::vector<Line> lines;
  OptionList general;  // options outside every block, in file order
  std::deque<Block> blocks;
  // Every block's options, block after block; on the heap so that moving the
  // model leaves them where the blocks' ranges point.
  std::unique_ptr<OptionList> block_options = std::make_unique<OptionList>();
  std::deque<Comment> comments;
  std::vector<SyntaxError> errors;
  std::size_t errors_not_recorded = 0;  // beyond the recording cap

  // Every option, general first then block by block.
  [[nodiscard]] OptionsInOrder options() const { return {general, *block_options}; }
  // The content of a 1-based line, without its terminator; empty when out of range.
  [[nodiscard]] std::string_view line_text(std::size_t line) const;
  // The span of a 1-based line that exists, without its terminator.
  [[nodiscard]] Span line_span(std::size_t line) const;
  [[nodiscard]] LinePlace line_place(std::size_t line) const;
};

}  // namespace emglint::config
