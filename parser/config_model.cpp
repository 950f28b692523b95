#include "parser/config_model.h"

namespace emglint::config {

Span LinePlace::span(LinePart part) const {
  const std::size_t first = begin + part.offset;
  return {.line = number,
          .column = std::size_t{part.offset} + 1,
          .end_line = number,
          .end_column = std::size_t{part.offset} + part.size + 1,
          .begin = first,
          .end = first + part.size};
}

Option::Option(LinePlace line, LinePart key, std::optional<LinePart> value, int block, bool before_first_block)
    : line_(line),
      key_(key),
      value_(value.value_or(LinePart{})),
      block_(block),
      has_value_(value.has_value()),
      before_first_block_(before_first_block) {}

std::optional<std::string_view> Option::value() const {
  if (!has_value_) return std::nullopt;
  return line_.view(value_);
}

std::optional<Span> Option::value_span() const {
  if (!has_value_) return std::nullopt;
  return line_.span(value_);
}

Block::Block(LinePlace header, LinePart kind, LinePart name, const OptionList& options)
    : header_(header),
      kind_(kind),
      name_(name),
      options_(&options),
      first_option_(static_cast<std::uint32_t>(options.size())) {}

std::optional<std::size_t> Block::close_line() const {
  if (close_line_ == 0) return std::nullopt;
  return close_line_;
}

OptionRange Block::options() const {
  const auto first = options_->begin() + first_option_;
  return {first, first + option_count_};
}

void Block::end_options() { option_count_ = static_cast<std::uint32_t>(options_->size() - first_option_); }

std::string_view ConfigModel::line_text(std::size_t line) const {
  if (line == 0 || line > lines.size()) return {};
  const Line& at = lines[line - 1];
  return source.substr(at.begin, at.size);
}

Span ConfigModel::line_span(std::size_t line) const { return line_place(line).span(); }

LinePlace ConfigModel::line_place(std::size_t line) const {
  const Line& at = lines[line - 1];
  return {
      .text = source.data() + at.begin, .begin = at.begin, .number = static_cast<std::uint32_t>(line), .size = at.size};
}

}  // namespace emglint::config
