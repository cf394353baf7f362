// Plain-text and Markdown files: converted to UTF-8, line endings
// normalised, Markdown markup reduced to its text (code kept verbatim).
#pragma once

#include <string_view>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::ingest {

// True when the bytes are almost surely not text (NUL bytes or many control
// characters in the first 8 KiB, after any UTF-16 BOM).
bool looks_binary(std::string_view bytes);

// True for a ".md"/".markdown" path or a text/markdown media type.
bool is_markdown(const Document& doc);

// An Article with kind "text" (or "markdown"); its title is the first
// heading or first short line. Binary input is an Error.
Result<Article> read_text(const Document& doc);

}  // namespace osprey::ingest
