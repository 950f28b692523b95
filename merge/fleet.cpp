#include "merge/fleet.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "merge/host_name.h"

namespace emglint::merge {

namespace {

// The format the fleet's reports are read in: what the output takes, or for
// text the format of the first report emglint reads, by host name and then path.
std::optional<Format> fleet_format(const std::vector<HostReport>& reports, OutputFormat output) {
  switch (output) {
    case OutputFormat::json: return Format::json;
    case OutputFormat::sarif: return Format::sarif;
    case OutputFormat::text: break;
  }
  const HostReport* first = nullptr;
  for (const HostReport& host : reports) {
    if (host.format && (first == nullptr || std::tie(host.host, host.path) < std::tie(first->host, first->path))) {
      first = &host;
    }
  }
  return first != nullptr ? first->format : std::nullopt;
}

// Why a report of `format` is not merged into a fleet of `wanted` and output `output`.
std::string mismatch(const HostReport& host, Format wanted, OutputFormat output) {
  if (output == OutputFormat::text) {
    return fmt::format("{} is a {} among {}s: give merge reports of one format", host.path, to_string(*host.format),
                       to_string(wanted));
  }
  return fmt::format("{} is a {}; --format {} merges {}s", host.path, to_string(*host.format),
                     output == OutputFormat::json ? "json" : "sarif", to_string(wanted));
}

HostReport errored(std::string host, std::string why) {
  return {.host = std::move(host), .status = HostStatus::error, .error = std::move(why)};
}

}  // namespace

std::string_view to_string(HostStatus status) {
  switch (status) {
    case HostStatus::clean: return "clean";
    case HostStatus::findings: return "findings";
    case HostStatus::error: return "error";
    case HostStatus::missing: break;
  }
  return "missing";
}

std::size_t Counts::count(report::Severity severity) const {
  switch (severity) {
    case report::Severity::error: return error;
    case report::Severity::warning: return warning;
    case report::Severity::info: break;
  }
  return info;
}

void Counts::add(const Counts& other) {
  error += other.error;
  warning += other.warning;
  info += other.info;
  fixable += other.fixable;
  if (other.fixed) fixed = fixed.value_or(0) + *other.fixed;
}

ExpectedHosts parse_expected_hosts(std::string_view text) {
  ExpectedHosts expected;
  std::size_t number = 0;
  while (!text.empty()) {
    ++number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line.starts_with('#')) continue;
    if (auto problem = host_name_problem(line)) {
      expected.problem = fmt::format("line {}: {}", number, *problem);
      return expected;
    }
    expected.names.emplace_back(line);
  }
  return expected;
}

Fleet merge_reports(std::vector<HostReport> reports, OutputFormat output,
                    const std::optional<std::vector<std::string>>& expected) {
  const std::optional<Format> format = fleet_format(reports, output);
  std::map<std::string, std::vector<HostReport>> by_host;
  for (HostReport& host : reports) {
    if (host.format && format && host.format != format) {
      // Nothing of a report the fleet does not read is taken, not even its phase or exit code.
      HostReport unread = errored(host.host, mismatch(host, *format, output));
      unread.path = std::move(host.path);
      host = std::move(unread);
    }
    by_host[host.host].push_back(std::move(host));
  }
  Fleet fleet;
  for (auto& [name, same_host] : by_host) {
    if (same_host.size() == 1) {
      fleet.hosts.push_back(std::move(same_host.front()));
      continue;
    }
    // Which of them is the host's is not for merge to guess: neither is merged.
    std::vector<std::string> paths;
    for (const HostReport& host : same_host) paths.push_back(host.path);
    std::sort(paths.begin(), paths.end());
    fleet.hosts.push_back(
        errored(name, fmt::format("{} reports are of this host: {}", paths.size(), fmt::join(paths, ", "))));
  }
  if (expected) {
    const std::set<std::string> names(expected->begin(), expected->end());
    for (HostReport& host : fleet.hosts) host.expected = names.contains(host.host);
    for (const std::string& name : names) {
      if (by_host.contains(name)) continue;
      fleet.hosts.push_back({.host = name, .status = HostStatus::missing, .error = "sent no report", .expected = true});
    }
    std::sort(fleet.hosts.begin(), fleet.hosts.end(),
              [](const HostReport& a, const HostReport& b) { return a.host < b.host; });
  }
  for (const HostReport& host : fleet.hosts) fleet.summary.add(host.summary);
  return fleet;
}

bool incomplete(const Fleet& fleet) {
  return std::any_of(fleet.hosts.begin(), fleet.hosts.end(), [](const HostReport& host) {
    return host.status == HostStatus::error || host.status == HostStatus::missing;
  });
}

bool fails(const Fleet& fleet, const std::optional<report::Severity>& fail_on) {
  if (!fail_on) return false;
  for (auto severity : {report::Severity::info, report::Severity::warning, report::Severity::error}) {
    if (severity >= *fail_on && fleet.summary.count(severity) > 0) return true;
  }
  return false;
}

}  // namespace emglint::merge
