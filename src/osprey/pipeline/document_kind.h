// Which reader a fetched or read document needs: a feed, a web page, a PDF
// report or plain text. Decided from the media type and the first bytes,
// never from the URL alone (servers mislabel feeds and pages alike).
#pragma once

#include <string_view>

#include "osprey/model/article.h"

namespace osprey::pipeline {

enum class DocumentKind { kFeed, kHtml, kPdf, kText, kOpml };

DocumentKind classify(const Document& doc);

std::string_view kind_name(DocumentKind kind);

}  // namespace osprey::pipeline
