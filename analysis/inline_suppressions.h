// Inline suppressions in server.cfg: a full-line comment
// `# emglint: ignore ID[,ID] -- reason` silences those rules on the next line
// that is neither blank nor a comment; `# emglint: ignore-file ID -- reason`
// silences them in the whole file. Read once per config.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/config_index.h"
#include "parser/config_model.h"

namespace emglint::analysis {

struct InlineSuppression {
  config::Span comment;                      // the whole comment, for a finding about it
  bool whole_file = false;                   // ignore-file
  std::optional<std::size_t> silenced_line;  // ignore: the line it silences; nullopt when none follows
  std::vector<std::string> ids;              // as written (IDs or ID prefixes, any case)
  std::string reason;                        // after `--`, may be empty

  // Whether it silences a finding of `rule_id` at `line` (nullopt: a finding
  // about the file as a whole) in server.cfg.
  [[nodiscard]] bool silences(std::string_view rule_id, std::optional<std::size_t> line) const;
};

// Whether a line (as written) is such a comment.
[[nodiscard]] bool is_inline_suppression(std::string_view line);

// The suppressions of a config, in file order.
[[nodiscard]] std::vector<InlineSuppression> find_inline_suppressions(const ConfigIndex& index);

}  // namespace emglint::analysis
