// Dates as feeds and pages write them, to Unix seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace osprey::text {

// Parses a feed date to Unix seconds, UTC. Understands RFC 822/1123/2822
// (named zones such as GMT, EST, PDT, CET; numeric zones +0200 and +02:00;
// no weekday; no seconds; two-digit years, 00-49 meaning 20xx; a weekday that
// does not match the date), RFC 3339 and ISO 8601 (fractions, Z or offsets,
// date only, basic format 20241105T101500Z, a space instead of T; no zone
// means UTC), and month names in English, German, French, Spanish, Italian,
// Portuguese and Dutch ("Di, 05 Nov 2024 10:15:00 +0100", "5 novembre 2024",
// "5. März 2024"). Military single-letter zones other than Z carry no
// information (RFC 1123 §5.2.14) and are read as UTC. Returns nullopt when
// no complete, valid calendar date from 1900 on can be read.
std::optional<int64_t> parse_date(std::string_view text);

// Seconds from 1970-01-01T00:00:00Z to the given UTC civil time (proleptic
// Gregorian; months 1-12). No range checks.
int64_t unix_seconds(int64_t year, int month, int day, int hour, int minute, int second);

}  // namespace osprey::text
