#include "osprey/pipeline/document_kind.h"

#include "osprey/ingest/pdf_reader.h"
#include "osprey/text/ascii.h"
#include "osprey/text/encoding.h"

namespace osprey::pipeline {
namespace {

// The first `limit` bytes, lower-cased, after a BOM and leading white space;
// UTF-16 (announced by its BOM) is decoded first.
std::string head(std::string_view body, size_t limit) {
  std::string decoded;
  if (body.starts_with("\xFF\xFE") || body.starts_with("\xFE\xFF")) {
    auto utf8 = text::to_utf8(body.substr(0, 2 * limit));
    if (utf8.ok()) decoded = std::move(utf8.value());
    body = decoded;
  }
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  return text::ascii_lowercase(body.substr(start, limit));
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool sniff_feed(std::string_view h) {
  if (h.starts_with("{")) return contains(h, "jsonfeed.org/version");
  if (contains(h, "<html") && !contains(h, "<rss") && !contains(h, "<feed")) return false;
  return contains(h, "<rss") || contains(h, "<feed") || contains(h, "<rdf:rdf") ||
         contains(h, "<channel");
}

bool sniff_html(std::string_view h) {
  return h.starts_with("<!doctype html") || contains(h, "<html") || contains(h, "<body") ||
         contains(h, "<head") || h.starts_with("<p") || h.starts_with("<div") ||
         h.starts_with("<article");
}

}  // namespace

DocumentKind classify(const Document& doc) {
  if (ingest::looks_like_pdf(doc.body)) return DocumentKind::kPdf;
  std::string h = head(doc.body, 2048);
  const std::string& type = doc.content_type;
  if (contains(h, "<opml") || contains(type, "opml")) return DocumentKind::kOpml;
  if (contains(type, "rss") || contains(type, "atom") || contains(type, "feed+json") ||
      contains(type, "rdf")) {
    // A page served as a feed is still a feed to the feed reader, which
    // recovers what it can; a real page mislabelled is read as a page.
    return sniff_html(h) && !sniff_feed(h) ? DocumentKind::kHtml : DocumentKind::kFeed;
  }
  if (sniff_feed(h)) return DocumentKind::kFeed;
  if (contains(type, "html") || sniff_html(h)) return DocumentKind::kHtml;
  return DocumentKind::kText;
}

std::string_view kind_name(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kFeed:
      return "feed";
    case DocumentKind::kHtml:
      return "html";
    case DocumentKind::kPdf:
      return "pdf";
    case DocumentKind::kText:
      return "text";
    case DocumentKind::kOpml:
      return "opml";
  }
  return "text";
}

}  // namespace osprey::pipeline
