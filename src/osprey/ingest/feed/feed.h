// Feeds as plain values: what parse_feed() reads out of RSS 0.9x, RSS 1.0
// (RDF), RSS 2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1. Nothing downstream
// needs to know which of these formats an item came from.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "osprey/model/article.h"
#include "osprey/model/result.h"

namespace osprey::ingest {

// A file attached to an item: RSS <enclosure>, Atom link rel="enclosure",
// media:content / media:thumbnail, JSON Feed attachments.
struct Enclosure {
  std::string url;     // absolute when it could be resolved
  std::string type;    // media type as written ("audio/mpeg"); may be empty
  int64_t length = 0;  // bytes as declared; 0 when unknown
};

// One entry of a feed. Every string is valid UTF-8.
struct FeedItem {
  std::string title;         // plain text: tags stripped, entities decoded
  std::string link;          // absolute URL of the item's page when it could be resolved
  std::string id;            // guid / atom:id / JSON id; may be empty
  std::string published;     // the date as written by the source, verbatim
  int64_t published_at = 0;  // Unix seconds, UTC; 0 when unknown
  std::string updated;       // as written
  int64_t updated_at = 0;    // Unix seconds, UTC; 0 when unknown
  std::string summary;       // HTML (not sanitised): description / atom:summary / JSON summary
  std::string content;       // HTML (not sanitised): the fullest body the feed offers,
                             // content:encoded > atom:content > description; may equal summary
  std::vector<std::string> authors;
  std::vector<std::string> categories;
  std::vector<Enclosure> enclosures;
};

// A parsed feed and what was repaired on the way.
struct Feed {
  std::string format;  // "rss0.90", "rss0.91", "rss0.92", "rss2", "rdf" (RSS 1.0),
                       // "atom0.3", "atom1", "jsonfeed1", "jsonfeed1.1"
  std::string title;   // plain text
  std::string link;    // the site the feed belongs to, absolute when resolvable
  std::string description;
  std::string language;
  std::string updated;  // as written
  int64_t updated_at = 0;
  std::vector<FeedItem> items;        // in document order
  std::vector<std::string> warnings;  // ill-formed input that was repaired or skipped
};

// Reads a feed from fetched bytes. Relative links are resolved against
// xml:base and doc.final_url (else doc.url); doc.charset, when set, names the
// encoding unless the body starts with a byte-order mark. Ill-formed feeds
// still give the items that could be read, with Feed::warnings saying what
// was wrong. Returns an Error naming doc.url when the body is not a feed at
// all (an HTML page, other JSON, binary data). Never loads external entities
// or DTDs, never touches the network, and uses memory linear in the body.
Result<Feed> parse_feed(const Document& doc);

}  // namespace osprey::ingest
