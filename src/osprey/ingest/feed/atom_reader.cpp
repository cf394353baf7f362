// Atom 1.0 (RFC 4287) and Atom 0.3.
#include "osprey/ingest/feed/feed_extensions.h"
#include "osprey/ingest/feed/feed_formats.h"
#include "osprey/ingest/feed/html_text.h"
#include "osprey/ingest/feed/item_fields.h"

namespace osprey::ingest {
namespace {

// Atom text constructs: type="text" (default), "html", "xhtml" (a div of
// inline XHTML); Atom 0.3 also allowed mode="escaped" and MIME types.
enum class TextType { kText, kHtml, kXhtml, kOther };

TextType construct_type(const XmlView& view, const xmlNode* node) {
  std::string type = attribute(view, node, "type");
  if (type == "xhtml" || type == "application/xhtml+xml") return TextType::kXhtml;
  if (type == "html" || type == "text/html" || attribute(view, node, "mode") == "escaped")
    return TextType::kHtml;
  if (type.empty() || type == "text" || type == "text/plain") return TextType::kText;
  return TextType::kOther;
}

// A text construct as HTML (for summary and content).
std::string construct_html(const XmlView& view, const xmlNode* node) {
  if (!node) return {};
  TextType type = construct_type(view, node);
  if (type == TextType::kXhtml) {
    const xmlNode* div = child(view, node, Ns::kXhtml, "div");
    if (!div) div = child(view, node, Ns::kNone, "div");
    return inner_markup(div ? div : node);
  }
  if (has_child_elements(node)) return inner_markup(node);
  if (type == TextType::kText) return escape_html(text_of(view, node));
  if (type == TextType::kHtml) return text_of(view, node);
  return {};  // base64 or other media: not text
}

// A text construct as plain text (for titles): markup is stripped unless
// the construct says it is text already ("a <b> tag" stays as written).
std::string construct_text(const XmlView& view, const xmlNode* node) {
  if (!node) return {};
  if (construct_type(view, node) == TextType::kText && !has_child_elements(node))
    return clean_text(text_of(view, node));
  return html_to_text(text_of(view, node));
}

std::string person(const XmlView& view, const xmlNode* node, Ns ns) {
  std::string name = clean_text(text_of(view, child(view, node, ns, "name")));
  if (!name.empty()) return name;
  std::string email = clean_text(text_of(view, child(view, node, ns, "email")));
  if (!email.empty()) return email;
  return has_child_elements(node) ? std::string() : clean_text(text_of(view, node));
}

void read_link(const XmlView& view, const xmlNode* node, FeedItem& item) {
  std::string rel = attribute(view, node, "rel");
  std::string href = attribute(view, node, "href");
  if (href.empty()) return;
  if (rel.empty() || rel == "alternate") {
    if (item.link.empty()) item.link = resolve_at(view, node, href);
  } else if (rel == "enclosure") {
    item.enclosures.push_back({resolve_at(view, node, href), attribute(view, node, "type"),
                               enclosure_length(attribute(view, node, "length"))});
  }
}

FeedItem read_entry(const XmlView& view, const xmlNode* entry, Ns ns) {
  FeedItem item;
  for (const xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || ns_of(view, c) != ns) continue;
    std::string_view name = local_name(view, c);
    if (name_is(view, name, "title")) {
      item.title = construct_text(view, c);
    } else if (name_is(view, name, "link")) {
      read_link(view, c, item);
    } else if (name_is(view, name, "id")) {
      item.id = clean_text(text_of(view, c));
    } else if (name_is(view, name, "published") || name_is(view, name, "issued") ||
               name_is(view, name, "created")) {
      set_date(item.published, item.published_at, text_of(view, c));
    } else if (name_is(view, name, "updated") || name_is(view, name, "modified")) {
      set_date(item.updated, item.updated_at, text_of(view, c));
    } else if (name_is(view, name, "summary")) {
      item.summary = construct_html(view, c);
    } else if (name_is(view, name, "content")) {
      item.content = construct_html(view, c);
    } else if (name_is(view, name, "author")) {
      add_unique(item.authors, person(view, c, ns));
    } else if (name_is(view, name, "category")) {
      std::string label = attribute(view, c, "label");
      add_unique(item.categories, label.empty() ? attribute(view, c, "term") : label);
    }
  }
  // An entry without a publication date was at least published by its
  // last update.
  if (item.published.empty()) {
    item.published = item.updated;
    item.published_at = item.updated_at;
  }
  read_extensions(view, entry, item);
  finish_item(item);
  return item;
}

}  // namespace

bool is_atom(const FeedInput& input) {
  if (!input.root || !input.root->name) return false;
  for (Ns ns : {Ns::kAtom, Ns::kAtom03, Ns::kNone})
    if (is_element(input.xml, input.root, ns, "feed")) return true;
  return false;
}

void read_atom(const FeedInput& input, Feed& feed) {
  const XmlView& view = input.xml;
  const xmlNode* root = input.root;
  Ns ns = ns_of(view, root);
  feed.format =
      ns == Ns::kAtom03 || attribute(view, root, "version") == "0.3" ? "atom0.3" : "atom1";
  feed.title = construct_text(view, child(view, root, ns, "title"));
  for (const xmlNode* c = root->children; c; c = c->next) {
    if (!is_element(view, c, ns, "link")) continue;
    std::string rel = attribute(view, c, "rel");
    if (feed.link.empty() && (rel.empty() || rel == "alternate"))
      feed.link = resolve_at(view, c, attribute(view, c, "href"));
  }
  const xmlNode* subtitle = child(view, root, ns, "subtitle");
  if (!subtitle) subtitle = child(view, root, ns, "tagline");
  feed.description = construct_text(view, subtitle);
  feed.language = attribute(view, root, view.html ? "xml:lang" : "lang");
  for (const char* name : {"updated", "modified"})
    set_date(feed.updated, feed.updated_at, text_of(view, child(view, root, ns, name)));
  for (const xmlNode* entry : descendants(view, root, ns, "entry"))
    feed.items.push_back(read_entry(view, entry, ns));
}

}  // namespace osprey::ingest
