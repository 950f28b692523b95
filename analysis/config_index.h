// What rules ask of a server.cfg, indexed once per target: the options by
// keyword, the active BACKEND, the DB profiles by name, the secrets by line,
// and what each line is about (a finding's object key). Nothing is kept per
// line: what a line holds is searched for in the model, which is in file order.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/secret_matcher.h"
#include "analysis/secrets.h"
#include "parser/config_model.h"

namespace emglint::analysis {

// A line as an object key quotes it: without surrounding blanks, at most
// 80 bytes, enough to tell lines apart.
[[nodiscard]] std::string object_text(std::string_view line);

class ConfigIndex {
 public:
  explicit ConfigIndex(const config::ConfigModel& config);
  ConfigIndex(const ConfigIndex&) = delete;
  ConfigIndex& operator=(const ConfigIndex&) = delete;

  [[nodiscard]] const config::ConfigModel& config() const { return config_; }
  // Every option of the file, general first then block by block.
  [[nodiscard]] config::OptionsInOrder options() const { return config_.options(); }
  // The general options named `key` (any case), in file order.
  [[nodiscard]] std::span<const config::Option* const> general(std::string_view key) const;
  // The last BACKEND of the general section: the one EMG uses.
  [[nodiscard]] const config::Option* active_backend() const;
  // The first comment that is a BACKEND line commented out (`#BACKEND=TC`), if any.
  [[nodiscard]] const config::Comment* commented_backend() const { return commented_backend_; }
  // The DB blocks, in file order, and the first one named `name` (any case).
  [[nodiscard]] std::span<const config::Block* const> db_profiles() const { return db_profiles_; }
  [[nodiscard]] const config::Block* db_profile(std::string_view name) const;

  [[nodiscard]] std::span<const Secret> secrets() const { return secrets_; }
  [[nodiscard]] std::span<const Secret> secrets_on(std::size_t line) const;
  // The 1-based line's text with its secrets masked (on a line that did not
  // parse, all that may be one), and every occurrence of a secret too: what a
  // report may show, with where each column of the file's line went.
  [[nodiscard]] MaskedText shown_line(std::size_t line) const;
  [[nodiscard]] std::string masked_line(std::size_t line) const { return shown_line(line).text; }
  // `text` with every secret of the file that occurs in it masked, in any
  // case, leftmost first, the longest there: what makes any message, source
  // line or fix text safe to print, whatever a rule quoted. Secrets shorter
  // than `min_length` are left alone (masking every "ab" would garble prose).
  // Costs the text's length, whatever the number and lengths of the secrets;
  // `steps`, when given, counts that work.
  [[nodiscard]] MaskedText masked(std::string_view text, std::size_t min_length = min_masked_in_prose,
                                  std::size_t* steps = nullptr) const;
  [[nodiscard]] std::string masked_text(std::string text, std::size_t min_length = min_masked_in_prose) const;

  // What a rule may quote of a value, a word or a line: masked, then cut to
  // max_quoted_value bytes (cut first, a password's first bytes would show).
  [[nodiscard]] std::string quoted(std::string_view text) const;
  // An option's value as a message may quote it: `***` for a password, a DB
  // ADDRESS with its password part masked, the file's other secrets masked,
  // and at most max_quoted_value bytes, so that a 50 MB value does not become
  // a 50 MB message.
  [[nodiscard]] std::string shown_value(const config::Option& option) const;
  // `KEY=value` as shown_value shows it, or `KEY` for a bare flag.
  [[nodiscard]] std::string shown_option(const config::Option& option) const;

  // What the 1-based line is about, without its number: `KIND name/KEY` for an
  // option in a block, `general/KEY`, `KIND name` for a block header or its `>`,
  // else the line's masked text.
  [[nodiscard]] std::string object_at(std::size_t line) const;

 private:
  // The last block whose header is at or above the 1-based line, if any.
  [[nodiscard]] const config::Block* last_block_from(std::size_t line) const;
  // The option on the 1-based line, if any.
  [[nodiscard]] const config::Option* option_at(std::size_t line) const;

  const config::ConfigModel& config_;
  // One sorted array rather than a map of arrays: no node or array per key,
  // whatever the number of keys.
  std::vector<const config::Option*> general_by_key_;  // by key in any case, then in file order
  const config::Comment* commented_backend_ = nullptr;
  std::vector<const config::Block*> db_profiles_;
  std::vector<const config::Block*> db_profiles_by_name_;  // by name in any case, then in file order
  std::vector<Secret> secrets_;                            // by line, then offset
  SecretMatcher secret_matcher_;                           // every secret's value
};

}  // namespace emglint::analysis
