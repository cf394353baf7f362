// The readable item every ingest path produces and every later stage reads:
// a feed entry, a web page, a PDF report or a text file, reduced to its main
// text and metadata. Nothing downstream knows which format it came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace osprey {

// Bytes as fetched or read, before any parsing.
struct Document {
  std::string url;           // as requested: URL, file path, or "-" for stdin
  std::string final_url;     // after redirects; equals url for files
  std::string content_type;  // media type without parameters, lower case ("text/html")
  std::string charset;       // from the HTTP header or the file, lower case; may be empty
  int64_t fetched_at = 0;    // Unix seconds, UTC
  std::string body;
};

// One readable item with its main text.
struct Article {
  int64_t id = 0;             // store id; 0 until stored
  std::string source;         // what it was ingested from: feed URL, page URL or file path
  std::string url;            // the item's own link (may equal source)
  std::string canonical_url;  // <link rel=canonical>, og:url or JSON-LD url; may be empty
  std::string guid;           // feed item id, if it came from a feed
  std::string title;
  std::vector<std::string> authors;
  std::string published;     // as written by the source, kept verbatim
  int64_t published_at = 0;  // Unix seconds, UTC; 0 when unknown
  std::string language;      // BCP 47 primary tag ("en"), empty when unknown
  std::string site_name;
  std::string kind;                   // "html", "pdf", "text", "feed"
  std::string text;                   // main text, UTF-8; paragraphs separated by "\n\n"
  std::vector<std::string> warnings;  // what was repaired or skipped on the way
};

}  // namespace osprey
