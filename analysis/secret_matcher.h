// Finds every secret of a file in a text in one pass, whatever their number
// and lengths: an Aho-Corasick automaton over the secrets read backwards,
// which tells for each position of the text the longest secret starting there.
// Matching ignores ASCII case: a rule may quote a value upper-cased (EMG008).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis/secrets.h"

namespace emglint::analysis {

class SecretMatcher {
 public:
  SecretMatcher() = default;
  explicit SecretMatcher(const std::vector<std::string_view>& secrets);

  [[nodiscard]] bool empty() const { return nodes_.size() <= 1; }

  // The ranges of `text` to mask: scanning from the left, the longest secret
  // of at least `min_length` bytes that starts at each position not yet
  // masked. `steps`, when given, grows by the automaton's moves: at most twice
  // the text's length, whatever the secrets.
  [[nodiscard]] std::vector<TextRange> find(std::string_view text, std::size_t min_length,
                                            std::size_t* steps = nullptr) const;

 private:
  struct Node {
    std::uint32_t first_child = 0;  // children are numbered consecutively, sorted by label
    std::uint32_t child_count = 0;
    std::uint32_t fallback = 0;     // the longest proper suffix of this node's string in the trie
    std::uint32_t longest = 0;      // the longest secret that is a suffix of this node's string
    unsigned char label = 0;        // the byte on the edge into this node
  };
  // The child of `node` along `label`, or 0 (the root) when there is none.
  [[nodiscard]] std::uint32_t child(std::uint32_t node, unsigned char label) const;
  void add_fallbacks();

  std::vector<Node> nodes_;  // breadth first: nodes_[0] is the root
};

}  // namespace emglint::analysis
