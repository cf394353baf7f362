// "Since when" as people write it on a command line or in a query string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace osprey::text {

// "2d", "12h", "30m", "1w" (before `now`), "2024-11-05" or an RFC 3339 time,
// as Unix seconds UTC; nullopt when unreadable.
std::optional<int64_t> parse_since(const std::string& text, int64_t now);

}  // namespace osprey::text
