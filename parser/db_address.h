// The EMG 7.2 form of a DB profile's address: `user:password@host:port/dbname`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <optional>
#include <variant>
#include <vector>

namespace emglint::config {

struct DbEndpoint {
  std::string host;  // without the brackets of an IPv6 address
  unsigned port = 0;
};

struct DbAddress {
  std::string user;
  std::string password;
  std::size_t password_offset = 0;  // where the password starts inside the value
  std::vector<DbEndpoint> endpoints;
  std::string dbname;
};

struct DbAddressError {
  std::string message;  // says what was expected; never quotes the password
};

// A password may hold `:` and `@`: the value is split at its last `@`, then at
// the first `:` left of it. Several endpoints are separated by commas (an
// assumption: EMG documents that a profile may name several hosts, not how).
[[nodiscard]] std::variant<DbAddress, DbAddressError> parse_db_address(std::string_view value);

// The byte range of the password inside an ADDRESS value, if one can be found,
// even when the rest of the value is malformed; used to mask it in output.
struct SecretRange {
  std::size_t offset = 0;
  std::size_t size = 0;
};
[[nodiscard]] std::optional<SecretRange> db_address_password(std::string_view value);

}  // namespace emglint::config
