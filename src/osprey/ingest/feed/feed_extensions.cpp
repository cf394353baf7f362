#include "osprey/ingest/feed/feed_extensions.h"

#include <charconv>

#include "osprey/ingest/feed/item_fields.h"

namespace osprey::ingest {
namespace {

void add_enclosure(std::vector<Enclosure>& list, Enclosure e) {
  if (e.url.empty()) return;
  for (const Enclosure& existing : list)
    if (existing.url == e.url) return;
  list.push_back(std::move(e));
}

void read_media(const XmlView& view, const xmlNode* node, FeedItem& item) {
  if (is_element(view, node, Ns::kMedia, "content")) {
    add_enclosure(item.enclosures, {resolve_at(view, node, attribute(view, node, "url")),
                                    attribute(view, node, "type"),
                                    enclosure_length(attribute(view, node, "fileSize"))});
  } else if (is_element(view, node, Ns::kMedia, "thumbnail")) {
    std::string url = attribute(view, node, "url");
    if (!url.empty()) add_enclosure(item.enclosures, {resolve_at(view, node, url), "image", 0});
  }
}

}  // namespace

int64_t enclosure_length(const std::string& text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && value > 0 ? value : 0;
}

std::string html_body(const XmlView& view, const xmlNode* node) {
  if (!node) return {};
  if (has_child_elements(node)) return inner_markup(node);
  return text_of(view, node);
}

void read_extensions(const XmlView& view, const xmlNode* item_node, FeedItem& item) {
  for (const xmlNode* c = item_node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    switch (ns_of(view, c)) {
      case Ns::kContent:
        if (is_element(view, c, Ns::kContent, "encoded")) {
          std::string body = html_body(view, c);
          if (!body.empty()) item.content = std::move(body);
        }
        break;
      case Ns::kDc: {
        std::string_view name = local_name(view, c);
        if (name == "creator" || name == "contributor")
          add_unique(item.authors, author_name(text_of(view, c)));
        else if (name == "subject")
          add_unique(item.categories, text_of(view, c));
        else if (name == "date" || name == "created" || name == "issued")
          set_date(item.published, item.published_at, text_of(view, c));
        else if (name == "modified")
          set_date(item.updated, item.updated_at, text_of(view, c));
        else if (name == "identifier" && item.id.empty())
          item.id = clean_text(text_of(view, c));
        break;
      }
      case Ns::kItunes:
        if (is_element(view, c, Ns::kItunes, "author")) add_unique(item.authors, text_of(view, c));
        break;
      case Ns::kMedia:
        if (is_element(view, c, Ns::kMedia, "group")) {
          for (const xmlNode* m = c->children; m; m = m->next) read_media(view, m, item);
        } else {
          read_media(view, c, item);
        }
        break;
      default:
        break;
    }
  }
}

}  // namespace osprey::ingest
