// What rules ask of a server.cfg, indexed once per target: the options by
// keyword, the active BACKEND, the DB profiles by name, the secrets by line,
// and what each line is about (a finding's object key).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

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
  [[nodiscard]] std::span<const config::Option* const> options() const { return options_; }
  // The general options named `key` (any case), in file order.
  [[nodiscard]] std::span<const config::Option* const> general(std::string_view key) const;
  // The last BACKEND of the general section: the one EMG uses.
  [[nodiscard]] const config::Option* active_backend() const;
  // The first comment that is a BACKEND line commented out (`#BACKEND=TC`), if any.
  [[nodiscard]] const config::Comment* commented_backend() const { return commented_backend_; }
  // The DB blocks, in file order, and the first one named `name` (any case).
  [[nodiscard]] std::span<const config::Block* const> db_profiles() const { return db_profiles_; }
  [[nodiscard]] const config::Block* db_profile(std::string_view name) const;

  // Where each line starts, for the line edits of fixes.
  [[nodiscard]] std::span<const std::size_t> line_starts() const { return line_starts_; }

  [[nodiscard]] std::span<const Secret> secrets() const { return secrets_; }
  [[nodiscard]] std::span<const Secret> secrets_on(std::size_t line) const;
  // The 1-based line's text with its secrets masked: what a report may show.
  [[nodiscard]] std::string masked_line(std::size_t line) const;
  // `text` with every secret of the file that occurs in it masked, longest
  // first: what makes any message, source line or fix text safe to print,
  // whatever a rule quoted. Secrets shorter than `min_length` are left alone
  // (masking every "ab" would garble prose). Costs the text's length times the
  // number of distinct secret lengths, whatever the number of secrets.
  [[nodiscard]] std::string masked_text(std::string text, std::size_t min_length = min_masked_in_prose) const;

  // What the 1-based line is about, without its number: `KIND name/KEY` for an
  // option in a block, `general/KEY`, `KIND name` for a block header or its `>`,
  // else the line's masked text.
  [[nodiscard]] std::string object_at(std::size_t line) const;

 private:
  const config::ConfigModel& config_;
  std::vector<const config::Option*> options_;
  std::vector<std::size_t> line_starts_;
  std::unordered_map<std::string, std::vector<const config::Option*>> general_by_key_;  // upper-case keys
  const config::Comment* commented_backend_ = nullptr;
  std::vector<const config::Block*> db_profiles_;
  std::unordered_map<std::string, const config::Block*> db_profile_by_name_;  // upper-case names
  std::vector<Secret> secrets_;                                               // by line, then offset
  std::vector<std::size_t> first_secret_of_line_;
  // The secrets' values by length, each with their polynomial hashes, so that
  // masking a text hashes each of its positions once per length.
  struct SecretsOfLength {
    std::size_t length = 0;
    std::uint64_t base_power = 1;  // hash_base to the power `length`
    std::unordered_set<std::uint64_t> hashes;
    std::unordered_set<std::string_view> values;
  };
  std::vector<SecretsOfLength>
      secrets_by_length_;  // longest first  // index into secrets_, per line (plus one sentinel)
  std::vector<const config::Option*> option_of_line_;
  std::vector<int> block_of_line_;  // the block a header or `>` line opens or closes, else -1
};

}  // namespace emglint::analysis
