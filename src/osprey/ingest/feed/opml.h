// OPML subscription lists: what feed readers import and export.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "osprey/model/result.h"

namespace osprey::ingest {

// One feed in a subscription list.
struct Subscription {
  std::string title;                  // the outline's title, else its text
  std::string xml_url;                // the feed
  std::string html_url;               // the site; may be empty
  std::vector<std::string> category;  // folder path, outermost first; empty at top level
};

// Reads every outline with an xmlUrl, however deeply folders nest (the walk
// is iterative). Outlines without xmlUrl are folders. Same XML safety as
// parse_feed(): no DTDs, no external entities, no network. Returns an Error
// when the body is not OPML (no <opml> root with a <body>).
Result<std::vector<Subscription>> parse_opml(std::string_view xml);

// A valid OPML 2.0 document listing the subscriptions, folders nested by
// category path in first-seen order; every attribute value is escaped.
std::string write_opml(const std::vector<Subscription>& subscriptions,
                       std::string_view title = "Osprey subscriptions");

}  // namespace osprey::ingest
