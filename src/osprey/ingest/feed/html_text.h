// Small HTML text helpers for feed fields: feeds put escaped HTML and
// HTML entities in places that should be plain text (titles, names).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace osprey::ingest {

// Appends the UTF-8 encoding of `code_point` (U+FFFD for surrogates, zero
// and values above U+10FFFF).
void append_utf8(std::string& out, uint32_t code_point);

// Appends the UTF-8 text of the HTML named entity `name` (without '&' and
// ';', e.g. "eacute") and returns true; returns false for unknown names.
bool append_named_entity(std::string& out, std::string_view name);

// The text with HTML tags and comments removed, character references
// decoded, runs of white space collapsed to one space and the ends trimmed.
// A '<' that does not start a tag is kept ("a < b").
std::string html_to_text(std::string_view html);

// Appends `text` escaped for XML/HTML element content (& < >) or, when
// `attribute` is true, for a double-quoted attribute value (also ", and
// tab and line breaks as character references). Other control characters,
// which XML 1.0 does not allow, are dropped.
void append_escaped(std::string& out, std::string_view text, bool attribute = false);

// `text` escaped for HTML element content.
std::string escape_html(std::string_view text);

}  // namespace osprey::ingest
