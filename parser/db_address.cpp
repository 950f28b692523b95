#include "parser/db_address.h"

#include <fmt/format.h>

#include <charconv>

namespace emglint::config {

namespace {

std::variant<DbEndpoint, DbAddressError> parse_endpoint(std::string_view text) {
  DbEndpoint endpoint;
  std::string_view rest;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return DbAddressError{"an IPv6 host needs a closing `]`"};
    endpoint.host = std::string(text.substr(1, close - 1));
    rest = text.substr(close + 1);
    if (endpoint.host.empty()) return DbAddressError{"the host inside `[...]` is empty"};
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return DbAddressError{fmt::format("expected `host:port`, found `{}`", text)};
    endpoint.host = std::string(text.substr(0, colon));
    rest = text.substr(colon);
    if (endpoint.host.empty()) return DbAddressError{"the host is empty"};
    if (endpoint.host.find(':') != std::string::npos) {
      return DbAddressError{fmt::format("an IPv6 host must stand in brackets, as `[{}]:port`", endpoint.host)};
    }
  }
  if (!rest.starts_with(':') || rest.size() == 1) {
    return DbAddressError{fmt::format("expected `:port` after the host `{}`", endpoint.host)};
  }
  const std::string_view digits = rest.substr(1);
  unsigned port = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (error != std::errc{} || end != digits.data() + digits.size() || port < 1 || port > 65535) {
    return DbAddressError{fmt::format("the port `{}` is not a number from 1 to 65535", digits)};
  }
  endpoint.port = port;
  return endpoint;
}

}  // namespace

std::optional<SecretRange> db_address_password(std::string_view value) {
  const auto at = value.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto colon = value.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return SecretRange{colon + 1, at - colon - 1};
}

std::variant<DbAddress, DbAddressError> parse_db_address(std::string_view value) {
  const auto at = value.rfind('@');
  if (at == std::string_view::npos) return DbAddressError{"expected `user:password@host:port/dbname`: no `@`"};
  const std::string_view credentials = value.substr(0, at);
  const auto colon = credentials.find(':');
  if (colon == std::string_view::npos) return DbAddressError{"expected `user:password` before the `@`: no `:`"};

  DbAddress address;
  address.user = std::string(credentials.substr(0, colon));
  address.password = std::string(credentials.substr(colon + 1));
  address.password_offset = colon + 1;
  if (address.user.empty()) return DbAddressError{"the user name before `:` is empty"};

  const std::string_view location = value.substr(at + 1);
  const auto slash = location.find('/');
  if (slash == std::string_view::npos) return DbAddressError{"expected `/dbname` after the host and port"};
  address.dbname = std::string(location.substr(slash + 1));
  if (address.dbname.empty()) return DbAddressError{"the database name after `/` is empty"};
  if (address.dbname.find_first_of("/ \t") != std::string::npos) {
    return DbAddressError{fmt::format("the database name `{}` holds a `/` or a blank", address.dbname)};
  }

  std::string_view hosts = location.substr(0, slash);
  if (hosts.empty()) return DbAddressError{"expected `host:port` after the `@`"};
  while (true) {
    const auto comma = hosts.find(',');
    auto endpoint = parse_endpoint(hosts.substr(0, comma));
    if (auto* error = std::get_if<DbAddressError>(&endpoint)) return *error;
    address.endpoints.push_back(std::get<DbEndpoint>(std::move(endpoint)));
    if (comma == std::string_view::npos) break;
    hosts.remove_prefix(comma + 1);
  }
  return address;
}

}  // namespace emglint::config
