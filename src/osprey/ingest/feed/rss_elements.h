// The elements RSS 0.9x, RSS 1.0 (RDF) and RSS 2.0 share; `core` is the
// vocabulary of the plain elements (no namespace in RSS 0.9x/2.0, the
// RSS 1.0 or 0.90 namespace in RDF feeds).
#pragma once

#include <libxml/tree.h>

#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/xml_nodes.h"

namespace osprey::ingest {

// Title, link, description, language and date of a <channel>.
void read_rss_channel(const XmlView& view, const xmlNode* channel, Ns core, Feed& feed);

// One <item> with its extensions.
FeedItem read_rss_item(const XmlView& view, const xmlNode* node, Ns core);

}  // namespace osprey::ingest
