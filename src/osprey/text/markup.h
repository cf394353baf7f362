// Crude markup blanking for `osprey extract` on HTML files: tags, comments
// and the bodies of script/style elements become spaces (block-level tags a
// line break), so every remaining byte keeps its offset. Real main-text
// extraction is ingest/'s job; this only keeps tag soup out of findings.
#pragma once

#include <string>
#include <string_view>

namespace osprey::text {

// True when the text starts (after white space and a BOM) like an HTML document.
bool looks_like_html(std::string_view text);

// The text with markup blanked; same length as the input.
std::string blank_markup(std::string_view html);

}  // namespace osprey::text
