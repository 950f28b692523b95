#include <fmt/format.h>

#include <array>

#include "merge/outputs.h"

namespace emglint::merge {

namespace {

constexpr std::size_t columns = 6;  // host, phase, status, errors, warnings, infos; then the note
using Row = std::array<std::string, columns + 1>;

// A cell as a terminal shows it harmlessly: a report's texts (a failed
// check's problems, a phase) may hold control characters, which become blanks.
std::string printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

// What a host's row says beside its counts: why it is `error` or `missing`, or that it was not expected.
std::string note_of(const HostReport& host) {
  std::string note = host.status == HostStatus::missing ? "sent no report" : host.error;
  if (host.expected == false) note += std::string(note.empty() ? "" : "; ") + "not among the expected hosts";
  return note;
}

Row row_of(const HostReport& host) {
  const bool counted = host.document.is_object();
  const auto count = [&](std::size_t n) { return counted ? std::to_string(n) : std::string("-"); };
  return {host.host,
          host.phase.empty() ? "-" : host.phase,
          std::string(to_string(host.status)),
          count(host.summary.error),
          count(host.summary.warning),
          count(host.summary.info),
          note_of(host)};
}

}  // namespace

void write_text(std::ostream& out, const Fleet& fleet) {
  std::vector<Row> rows{{"host", "phase", "status", "errors", "warnings", "infos", ""}};
  for (const HostReport& host : fleet.hosts) {
    Row row = row_of(host);
    for (std::string& cell : row) cell = printable(std::move(cell));
    rows.push_back(std::move(row));
  }
  rows.push_back({"total", "", fmt::format("{} host{}", fleet.hosts.size(), fleet.hosts.size() == 1 ? "" : "s"),
                  std::to_string(fleet.summary.error), std::to_string(fleet.summary.warning),
                  std::to_string(fleet.summary.info), ""});
  std::array<std::size_t, columns> widths{};
  for (const Row& row : rows) {
    for (std::size_t column = 0; column < columns; ++column)
      widths[column] = std::max(widths[column], row[column].size());
  }
  for (const Row& row : rows) {
    std::string line;
    for (std::size_t column = 0; column < columns; ++column) {
      // Names to the left, counts to the right.
      line += column < 3 ? fmt::format("{:<{}}  ", row[column], widths[column])
                         : fmt::format("{:>{}}  ", row[column], widths[column]);
    }
    line += row[columns];
    while (line.ends_with(' ')) line.pop_back();
    out << line << '\n';
  }
}

}  // namespace emglint::merge
