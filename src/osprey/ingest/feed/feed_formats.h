// The registry of feed formats: each row says how to recognise a format and
// how to read it. parse_feed() loops over the rows; adding a format is adding
// a row and a reader file.
#pragma once

#include <libxml/tree.h>

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/xml_nodes.h"

namespace osprey::ingest {

// A body after the generic parsing: an XML element that may be a feed's
// root, or a JSON value.
struct FeedInput {
  XmlView xml;
  const xmlNode* root = nullptr;         // XML-shaped input
  const nlohmann::json* json = nullptr;  // JSON input
  std::string url;                       // the feed's own URL, the base of relative links
};

struct FeedFormat {
  std::string_view family;                           // "rss", "rdf", "atom", "jsonfeed"
  bool (*detect)(const FeedInput& input);            // true when this row reads `input`
  void (*read)(const FeedInput& input, Feed& feed);  // fills format, metadata and items
};

// Every format, most specific first.
std::span<const FeedFormat> feed_formats();

// The rows' functions, one reader file each.
bool is_rss(const FeedInput& input);
void read_rss(const FeedInput& input, Feed& feed);
bool is_rdf(const FeedInput& input);
void read_rdf(const FeedInput& input, Feed& feed);
bool is_atom(const FeedInput& input);
void read_atom(const FeedInput& input, Feed& feed);
bool is_json_feed(const FeedInput& input);
void read_json_feed(const FeedInput& input, Feed& feed);

}  // namespace osprey::ingest
