// Character encodings: everything Osprey stores is UTF-8. Text declared (or
// detected) in another encoding is converted; bytes that cannot be converted
// become U+FFFD. Never fails on content; fails only on an unknown charset name.
#pragma once

#include <string>
#include <string_view>

#include "osprey/model/result.h"

namespace osprey::text {

// The charset named by a byte-order mark ("utf-8", "utf-16le", "utf-16be"),
// or empty. `bom_size` receives the BOM's length.
std::string charset_from_bom(std::string_view bytes, size_t* bom_size = nullptr);

// The most likely charset of bytes that are not valid UTF-8 (uchardet), lower
// case; "windows-1252" when nothing better is known.
std::string detect_charset(std::string_view bytes);

// `bytes` decoded from `charset` (any name iconv knows; empty = detect: a BOM,
// valid UTF-8, else detect_charset) as well-formed UTF-8 without a BOM.
Result<std::string> to_utf8(std::string_view bytes, std::string_view charset = {});

}  // namespace osprey::text
