#include "analysis/secret_matcher.h"

#include <algorithm>
#include <string>

namespace emglint::analysis {

namespace {

unsigned char folded(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 'A' && byte <= 'Z' ? static_cast<unsigned char>(byte - 'A' + 'a') : byte;
}

// A trie node still to be given its children: the keys below it, and its depth.
struct PendingNode {
  std::size_t first_key = 0;
  std::size_t end_key = 0;
  std::size_t depth = 0;
};

}  // namespace

SecretMatcher::SecretMatcher(const std::vector<std::string_view>& secrets) {
  // Read backwards, a secret that starts at a position of the text ends
  // where the automaton is: its longest match there is the longest secret.
  std::vector<std::string> keys;
  for (const std::string_view secret : secrets) {
    if (secret.empty()) continue;
    std::string key;
    key.reserve(secret.size());
    for (auto at = secret.rbegin(); at != secret.rend(); ++at) key.push_back(static_cast<char>(folded(*at)));
    keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());  // compares bytes as unsigned, as the labels are searched
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

  // Breadth first, so that each node's children are numbered consecutively.
  nodes_.push_back(Node{});
  std::vector<PendingNode> pending{{.first_key = 0, .end_key = keys.size(), .depth = 0}};
  for (std::size_t node = 0; node < nodes_.size(); ++node) {
    auto [begin, end, depth] = pending[node];
    // The keys below a node share its string; one that is that string sorts first.
    if (begin < end && keys[begin].size() == depth) {
      nodes_[node].longest = static_cast<std::uint32_t>(depth);
      ++begin;
    }
    nodes_[node].first_child = static_cast<std::uint32_t>(nodes_.size());
    while (begin < end) {
      const char label = keys[begin][depth];
      std::size_t group_end = begin + 1;
      while (group_end < end && keys[group_end][depth] == label) ++group_end;
      nodes_.push_back(Node{.label = static_cast<unsigned char>(label)});
      pending.push_back({.first_key = begin, .end_key = group_end, .depth = depth + 1});
      ++nodes_[node].child_count;
      begin = group_end;
    }
  }
  add_fallbacks();
}

std::uint32_t SecretMatcher::child(std::uint32_t node, unsigned char label) const {
  const auto first = nodes_.begin() + nodes_[node].first_child;
  const auto last = first + nodes_[node].child_count;
  const auto found =
      std::lower_bound(first, last, label, [](const Node& candidate, unsigned char wanted) { return candidate.label < wanted; });
  return found != last && found->label == label ? static_cast<std::uint32_t>(found - nodes_.begin()) : 0;
}

void SecretMatcher::add_fallbacks() {
  // A node's fallback is shallower, so breadth-first order has settled it first.
  for (std::uint32_t node = 0; node < nodes_.size(); ++node) {
    const Node parent = nodes_[node];
    for (std::uint32_t at = parent.first_child; at < parent.first_child + parent.child_count; ++at) {
      std::uint32_t fallback = 0;
      for (std::uint32_t candidate = parent.fallback; node != 0;) {
        fallback = child(candidate, nodes_[at].label);
        if (fallback != 0 || candidate == 0) break;
        candidate = nodes_[candidate].fallback;
      }
      nodes_[at].fallback = fallback;
      if (nodes_[at].longest == 0) nodes_[at].longest = nodes_[fallback].longest;
    }
  }
}

std::vector<TextRange> SecretMatcher::find(std::string_view text, std::size_t min_length, std::size_t* steps) const {
  std::vector<TextRange> ranges;
  if (empty() || text.empty()) return ranges;
  std::size_t moves = 0;
  // longest_from[i]: the longest secret that starts at text[i].
  std::vector<std::uint32_t> longest_from(text.size());
  std::uint32_t state = 0;
  for (std::size_t i = text.size(); i-- > 0;) {
    const unsigned char label = folded(text[i]);
    std::uint32_t next = child(state, label);
    while (next == 0 && state != 0) {
      state = nodes_[state].fallback;
      next = child(state, label);
      ++moves;
    }
    state = next;
    ++moves;
    longest_from[i] = nodes_[state].longest;
  }
  for (std::size_t at = 0; at < text.size(); ++moves) {
    const std::size_t length = longest_from[at];
    if (length == 0 || length < min_length) {
      ++at;
      continue;
    }
    ranges.push_back({.begin = at, .end = at + length});
    at += length;
  }
  if (steps != nullptr) *steps += moves;
  return ranges;
}

}  // namespace emglint::analysis
