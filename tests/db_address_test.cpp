#include <catch2/catch.hpp>

#include "parser/db_address.h"

using emglint::config::DbAddress;
using emglint::config::DbAddressError;
using emglint::config::parse_db_address;

TEST_CASE("a DB ADDRESS parses as user and password and endpoints and dbname") {
  SECTION("plain") {
    const auto parsed = std::get<DbAddress>(parse_db_address("emg:secret@db.example.net:3306/emg"));
    CHECK(parsed.user == "emg");
    CHECK(parsed.password == "secret");
    REQUIRE(parsed.endpoints.size() == 1);
    CHECK(parsed.endpoints[0].host == "db.example.net");
    CHECK(parsed.endpoints[0].port == 3306);
    CHECK(parsed.dbname == "emg");
  }
  SECTION("a password holding `@` and `:`") {
    const auto parsed = std::get<DbAddress>(parse_db_address("emg:p@ss:w@rd@10.0.0.1:5432/emg"));
    CHECK(parsed.user == "emg");
    CHECK(parsed.password == "p@ss:w@rd");
    CHECK(parsed.password_offset == 4);
    CHECK(parsed.endpoints[0].host == "10.0.0.1");
  }
  SECTION("an IPv6 host and several endpoints") {
    const auto parsed = std::get<DbAddress>(parse_db_address("u:p@[2001:db8::1]:3306,[::1]:3307,db2:3308/x"));
    REQUIRE(parsed.endpoints.size() == 3);
    CHECK(parsed.endpoints[0].host == "2001:db8::1");
    CHECK(parsed.endpoints[1].port == 3307);
    CHECK(parsed.endpoints[2].host == "db2");
  }
  SECTION("malformed") {
    for (const char* value : {"", "emg@host:1/db", "emgsecret", "u:p@host/db", "u:p@host:0/db", "u:p@host:65536/db",
                              "u:p@host:33x/db", "u:p@::1:3306/db", "u:p@[::1/db", "u:p@host:3306/", "u:p@host:3306",
                              ":p@host:3306/db", "u:p@:3306/db", "u:p@host:3306,/db"}) {
      INFO(value);
      CHECK(std::holds_alternative<DbAddressError>(parse_db_address(value)));
    }
  }
  SECTION("errors never quote the password") {
    const auto error = std::get<DbAddressError>(parse_db_address("u:TOPSECRET@host:99999/db"));
    CHECK(error.message.find("TOPSECRET") == std::string::npos);
  }
}
