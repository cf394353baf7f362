// The search language shared by the CLI and the REST API:
//
//   ransomware "initial access" actor:"APT 29" cve:CVE-2024-3400 ioc:evil[.]example
//
// Words and quoted phrases are full-text terms (FTS5: OR, NOT and prefix*
// work); field:value pairs filter on findings. Indicator values may be
// written defanged.
#pragma once

#include <string_view>

#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::store {

// The fields a filter may name.
inline constexpr std::string_view kSearchFields[] = {"actor", "malware", "tool",   "cve",
                                                     "ioc",   "sector",  "country"};

// An Error names an unknown field, an empty value or an unclosed quote.
Result<SearchQuery> parse_search(std::string_view text);

}  // namespace osprey::store
