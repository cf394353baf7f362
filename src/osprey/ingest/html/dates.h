// Publication dates as pages write them, to UTC Unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace osprey::ingest::html {

// Parses an RFC 3339 / ISO 8601 date or date-time ("2024-05-01",
// "2024-05-01T10:22:05.123+02:00", "2024-05-01 10:22 UTC") or an RFC 2822
// date ("Wed, 01 May 2024 10:22:05 GMT"). A time without a zone is taken as
// UTC. Returns nothing for anything else or for impossible dates.
std::optional<int64_t> parse_date(std::string_view written);

}  // namespace osprey::ingest::html
