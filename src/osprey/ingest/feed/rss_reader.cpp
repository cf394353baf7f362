// RSS 0.91, 0.92 and 2.0 (<rss version="…"><channel><item>…).
#include <charconv>

#include "osprey/ingest/feed/feed_extensions.h"
#include "osprey/ingest/feed/feed_formats.h"
#include "osprey/ingest/feed/html_text.h"
#include "osprey/ingest/feed/item_fields.h"
#include "osprey/ingest/feed/rss_elements.h"

namespace osprey::ingest {
namespace {

bool looks_absolute(const std::string& s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

std::string format_name(const std::string& version) {
  if (version.rfind("0.91", 0) == 0) return "rss0.91";
  if (version.rfind("0.9", 0) == 0) return "rss0.92";
  return "rss2";
}

void read_rss_enclosure(const XmlView& view, const xmlNode* node, FeedItem& item) {
  std::string url = attribute(view, node, "url");
  if (url.empty()) return;
  int64_t length = 0;
  std::string written = attribute(view, node, "length");
  auto [end, ec] = std::from_chars(written.data(), written.data() + written.size(), length);
  if (ec != std::errc() || length < 0) length = 0;
  item.enclosures.push_back({resolve_at(view, node, url), attribute(view, node, "type"), length});
}

}  // namespace

void read_rss_channel(const XmlView& view, const xmlNode* channel, Ns core, Feed& feed) {
  if (!channel) return;
  feed.title = html_to_text(text_of(view, child(view, channel, core, "title")));
  if (const xmlNode* link = child(view, channel, core, "link"))
    feed.link = resolve_at(view, link, text_of(view, link));
  feed.description = clean_text(text_of(view, child(view, channel, core, "description")));
  feed.language = clean_text(text_of(view, child(view, channel, core, "language")));
  if (feed.language.empty())
    feed.language = clean_text(text_of(view, child(view, channel, Ns::kDc, "language")));
  for (const char* name : {"lastBuildDate", "pubDate"})
    set_date(feed.updated, feed.updated_at, text_of(view, child(view, channel, core, name)));
  set_date(feed.updated, feed.updated_at, text_of(view, child(view, channel, Ns::kDc, "date")));
}

FeedItem read_rss_item(const XmlView& view, const xmlNode* node, Ns core) {
  FeedItem item;
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || ns_of(view, c) != core) continue;
    std::string_view name = local_name(view, c);
    if (name_is(view, name, "title")) {
      if (item.title.empty()) item.title = html_to_text(text_of(view, c));
    } else if (name_is(view, name, "link")) {
      if (item.link.empty()) item.link = resolve_at(view, c, text_of(view, c));
    } else if (name_is(view, name, "guid")) {
      item.id = clean_text(text_of(view, c));
      bool permalink = attribute(view, c, "isPermaLink") != "false";
      if (item.link.empty() && permalink && looks_absolute(item.id)) item.link = item.id;
    } else if (name_is(view, name, "description")) {
      item.summary = html_body(view, c);
    } else if (name_is(view, name, "pubDate")) {
      set_date(item.published, item.published_at, text_of(view, c));
    } else if (name_is(view, name, "author")) {
      add_unique(item.authors, author_name(text_of(view, c)));
    } else if (name_is(view, name, "category")) {
      add_unique(item.categories, text_of(view, c));
    } else if (name_is(view, name, "enclosure")) {
      read_rss_enclosure(view, c, item);
    }
  }
  if (item.id.empty()) item.id = attribute(view, node, view.html ? "rdf:about" : "about");
  // RSS feeds often carry an atom:link for the item as well.
  for (const xmlNode* c = node->children; c && item.link.empty(); c = c->next)
    if (is_element(view, c, Ns::kAtom, "link") && attribute(view, c, "rel") != "self")
      item.link = resolve_at(view, c, attribute(view, c, "href"));
  read_extensions(view, node, item);
  for (const xmlNode* c = node->children; c; c = c->next)
    if (is_element(view, c, Ns::kAtom, "updated"))
      set_date(item.updated, item.updated_at, text_of(view, c));
  finish_item(item);
  return item;
}

bool is_rss(const FeedInput& input) {
  return input.root && (is_element(input.xml, input.root, Ns::kNone, "rss") ||
                        is_element(input.xml, input.root, Ns::kNone, "channel"));
}

void read_rss(const FeedInput& input, Feed& feed) {
  const XmlView& view = input.xml;
  feed.format = format_name(attribute(view, input.root, "version"));
  const xmlNode* channel = is_element(view, input.root, Ns::kNone, "channel")
                               ? input.root
                               : child(view, input.root, Ns::kNone, "channel");
  read_rss_channel(view, channel, Ns::kNone, feed);
  for (const xmlNode* node : descendants(view, input.root, Ns::kNone, "item"))
    feed.items.push_back(read_rss_item(view, node, Ns::kNone));
}

}  // namespace osprey::ingest
