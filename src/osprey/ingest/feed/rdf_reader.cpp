// RSS 1.0 and 0.90: an rdf:RDF root with <channel> and <item> as siblings.
#include "osprey/ingest/feed/feed_formats.h"
#include "osprey/ingest/feed/rss_elements.h"

namespace osprey::ingest {
namespace {

// The vocabulary of the plain elements: RSS 1.0, RSS 0.90, or none when a
// feed forgot its namespace (and always in HTML-parsed documents).
Ns core_of(const XmlView& view, const xmlNode* root) {
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    Ns ns = ns_of(view, c);
    if (ns == Ns::kRss1 || ns == Ns::kRss090) return ns;
  }
  return Ns::kNone;
}

}  // namespace

bool is_rdf(const FeedInput& input) {
  return input.root && is_element(input.xml, input.root, Ns::kRdf, "RDF");
}

void read_rdf(const FeedInput& input, Feed& feed) {
  const XmlView& view = input.xml;
  Ns core = core_of(view, input.root);
  feed.format = core == Ns::kRss090 ? "rss0.90" : "rdf";
  read_rss_channel(view, child(view, input.root, core, "channel"), core, feed);
  for (const xmlNode* node : descendants(view, input.root, core, "item"))
    feed.items.push_back(read_rss_item(view, node, core));
}

}  // namespace osprey::ingest
