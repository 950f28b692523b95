// Inline suppressions in server.cfg: a full-line comment
// `# emglint: ignore ID[,ID] -- reason` silences those rules on the next line
// that is neither blank nor a comment; `# emglint: ignore-file ID -- reason`
// silences them in the whole file. Read once per config.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

// The suppressions of a config in file order, indexed so that finding the one
// that silences a finding costs the length of its rule ID, not the number of
// suppressions (a file may hold tens of thousands).
class InlineSuppressions {
 public:
  InlineSuppressions() = default;
  explicit InlineSuppressions(std::vector<InlineSuppression> all);

  [[nodiscard]] auto begin() const { return all_.begin(); }
  [[nodiscard]] auto end() const { return all_.end(); }
  [[nodiscard]] bool empty() const { return all_.empty(); }

  // The first suppression, in file order, that silences a finding of `rule_id`
  // at `line` (nullopt: about the file as a whole); nullptr when none does.
  [[nodiscard]] const InlineSuppression* silencing(std::string_view rule_id, std::optional<std::size_t> line) const;

 private:
  std::vector<InlineSuppression> all_;
  // The first suppression naming each ID or ID prefix, upper-cased: of the
  // whole file, and of each line silenced.
  std::unordered_map<std::string, std::size_t> first_of_file_;
  std::map<std::pair<std::size_t, std::string>, std::size_t> first_of_line_;
};

// The rule ID's prefixes, upper-cased, shortest first: every ID pattern that names it.
[[nodiscard]] std::vector<std::string> id_patterns_naming(std::string_view rule_id);

// The suppressions of a config.
[[nodiscard]] InlineSuppressions find_inline_suppressions(const ConfigIndex& index);

}  // namespace emglint::analysis
