// Small text forms shared by the exporters: timestamps and defanged values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace osprey::exporting {

// "2024-11-05T10:15:00.000Z": RFC 3339 UTC with milliseconds (STIX, MISP).
std::string rfc3339_millis(int64_t unix_seconds);

// "2024-11-05" (UTC).
std::string iso_date(int64_t unix_seconds);

// The value made safe to paste in a mail or chat: domains and IPv4 get "[.]"
// at their last dot, URLs "hxxp(s)://" and "[.]" for every dot of the host,
// e-mail addresses "[@]", IPv6 "[:]". Hashes and other types are unchanged.
std::string defang(std::string_view type, std::string_view value);

// The text on one line: line breaks and tabs become spaces (titles, site
// names and sentences in the digest).
std::string one_line(std::string_view text);

// True when `url` starts with http:// or https:// (any case): the only links
// the digest renders as links.
bool is_web_link(std::string_view url);

}  // namespace osprey::exporting
