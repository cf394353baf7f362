// Reading the response headers the fetcher reports: Content-Type and
// Retry-After. Pure functions over header values as received.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace osprey::ingest {

struct MediaType {
  std::string type;     // lower case, without parameters ("text/html"); empty if absent
  std::string charset;  // lower case, unquoted ("utf-8"); empty if absent
};

// Parses a Content-Type value ("text/html; Charset=\"UTF-8\""). Malformed
// parameters are skipped; the result is empty for an empty or garbage value.
MediaType parse_content_type(std::string_view value);

// Seconds to wait from a Retry-After value: a delta ("120") or an HTTP-date
// compared with `now` (Unix seconds). A date in the past gives 0; anything
// unparseable gives nullopt.
std::optional<int64_t> parse_retry_after(std::string_view value, int64_t now);

}  // namespace osprey::ingest
