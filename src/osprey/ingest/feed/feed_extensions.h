// The namespaced extensions RSS, RDF and Atom items share: Dublin Core,
// content:encoded, Media RSS and iTunes.
#pragma once

#include <libxml/tree.h>

#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/xml_nodes.h"

namespace osprey::ingest {

// Adds what the extension elements under `item_node` say to `item`, without
// overwriting fields the format's own elements already set (except content,
// where content:encoded is the fullest body).
void read_extensions(const XmlView& view, const xmlNode* item_node, FeedItem& item);

// An element's body as HTML: its text (escaped or CDATA HTML), or the markup
// of its child elements when the HTML was inlined unescaped.
std::string html_body(const XmlView& view, const xmlNode* node);

// An enclosure's size in bytes as its length or fileSize attribute gives it;
// 0 when absent, not a number or not positive.
int64_t enclosure_length(const std::string& text);

}  // namespace osprey::ingest
