// EMG006 invalid-value: the value of a known keyword is malformed.
#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "analysis/keywords.h"
#include "analysis/secrets.h"
#include "rules/rule.h"

namespace emglint::rules {

namespace emg006 {

using namespace analysis;  // NOLINT(google-build-using-namespace): the facts rules read

std::optional<unsigned long long> whole_number(std::string_view text) {
  unsigned long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// What is wrong with the value, or nothing; `shown` is the option as a message may quote it.
std::optional<std::string> problem(const Keyword& keyword, const config::Option& option, std::string_view shown) {
  const bool has_text = option.value() && !option.value()->empty();
  switch (keyword.value) {
    case ValueKind::flag:
    case ValueKind::flag_or_value: return std::nullopt;
    case ValueKind::text:
      if (has_text) return std::nullopt;
      return fmt::format("`{}` needs a value", option.key());
    case ValueKind::count:
      if (!has_text) return fmt::format("`{}` needs a whole number", option.key());
      if (whole_number(*option.value())) return std::nullopt;
      return fmt::format("`{}` is not a whole number of 0 or more", shown);
    case ValueKind::port: {
      if (!has_text) return fmt::format("`{}` needs a port number", option.key());
      const auto port = whole_number(*option.value());
      if (port && *port >= 1 && *port <= 65535) return std::nullopt;
      return fmt::format("`{}` is not a port number from 1 to 65535", shown);
    }
    case ValueKind::zero_or_one:
      if (!has_text) return fmt::format("`{}` needs 0 or 1", option.key());
      if (*option.value() == "0" || *option.value() == "1") return std::nullopt;
      return fmt::format("`{}` is neither 0 nor 1", shown);
    case ValueKind::node_id: {
      if (!has_text) return fmt::format("`{}` needs a node ID", option.key());
      const auto id = whole_number(*option.value());
      if (id && *id <= 8999) return std::nullopt;
      return fmt::format("`{}` is not a node ID from 0 to 8999", shown);
    }
  }
  return std::nullopt;
}

void check(const CheckContext& context, Findings& findings) {
  for (const config::Option& option : context.analysis.index.options()) {
    const Keyword* keyword = context.analysis.vocabulary.find(option.key());
    if (keyword == nullptr) continue;
    const auto message = problem(*keyword, option, context.analysis.index.shown_option(option));
    if (!message) continue;
    findings.report(option.value_span().value_or(option.key_span()), *message);
  }
}

}  // namespace emg006

extern const Rule emg006_invalid_value{
    .info = {.id = "EMG006",
             .name = "invalid-value",
             .phases = PhaseSet::all(),
             .severity = Severity::error,
             .fix = FixAvailability::none,
             .scope = Scope::config,
             .summary = "The value of a known keyword is malformed."},
    .check = emg006::check,
};

}  // namespace emglint::rules
