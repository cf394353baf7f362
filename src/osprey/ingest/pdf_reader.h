// PDF reports (poppler-cpp): the text in reading order with hyphenation at
// line ends repaired, running headers, footers and page numbers dropped, and
// the document's title, author and date.
#pragma once

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::ingest {

struct PdfOptions {
  int max_pages = 2000;  // pages beyond this are skipped with a warning
};

// True when the bytes start like a PDF file ("%PDF-" within the first 1 KiB).
bool looks_like_pdf(std::string_view bytes);

// An Article with kind "pdf". A file poppler cannot open, or that is
// encrypted, is an Error naming the document.
Result<Article> read_pdf(const Document& doc, const PdfOptions& options = {});

}  // namespace osprey::ingest
