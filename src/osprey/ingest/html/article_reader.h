// Reading a web page as an Article: its main text (without menus, banners,
// share buttons, comments and link lists) and its metadata (title, authors,
// publication date, canonical URL, language, site name).
#pragma once

#include <cstddef>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::ingest {

struct ArticleOptions {
  size_t max_page_bytes = 64u << 20;  // larger pages are refused with an Error
  size_t min_text_chars =
      250;  // below this, retry without class/id hints, then JSON-LD articleBody
};

// Extracts the article from `doc.body` (HTML in `doc.charset`, or the charset
// the page declares, or UTF-8/windows-1252 by sniffing). Never fetches or
// executes anything. Always returns valid UTF-8. A page with no readable text
// gives an Article with empty text and a warning; an Error only for input
// that is not a page at all (too large, binary data) — its message names
// doc.url.
Result<Article> read_article(const Document& doc, const ArticleOptions& options = {});

}  // namespace osprey::ingest
