// The four phases of the 7.1 -> 7.2 upgrade, and sets of them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace emglint::report {

enum class Phase : std::uint8_t { prepare, start, downgrade, commit };
inline constexpr Phase all_phases_in_order[] = {Phase::prepare, Phase::start, Phase::downgrade, Phase::commit};

[[nodiscard]] std::string_view to_string(Phase phase);
[[nodiscard]] std::optional<Phase> phase_from_string(std::string_view text);

class PhaseSet {
 public:
  constexpr PhaseSet() = default;
  constexpr PhaseSet(std::initializer_list<Phase> phases) {
    for (Phase phase : phases) bits_ |= bit(phase);
  }
  static constexpr PhaseSet all() { return {Phase::prepare, Phase::start, Phase::downgrade, Phase::commit}; }

  [[nodiscard]] constexpr bool contains(Phase phase) const { return (bits_ & bit(phase)) != 0; }
  [[nodiscard]] constexpr bool is_all() const { return bits_ == all().bits_; }

 private:
  static constexpr std::uint8_t bit(Phase phase) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(phase));
  }
  std::uint8_t bits_ = 0;
};

}  // namespace emglint::report
