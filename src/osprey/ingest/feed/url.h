// Resolving the relative references feeds are full of.
#pragma once

#include <string>
#include <string_view>

namespace osprey::ingest {

// `reference` resolved against `base` (RFC 3986). Returns `reference`
// unchanged (trimmed) when it is already absolute, when `base` is empty or
// not absolute, or when the two cannot be combined.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace osprey::ingest
