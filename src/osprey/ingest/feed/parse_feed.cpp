// The engine: sniff the body, parse it generically (XML, the HTML parser as
// a fallback, or JSON), then let the first format row that recognises the
// result read it.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/feed_formats.h"
#include "osprey/ingest/feed/xml_document.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

// JSON nested deeper than this is not a feed (and nlohmann::json would
// recurse over it when destroying the value).
constexpr size_t kMaxJsonDepth = 64;

std::string_view skip_bom_and_space(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  size_t first = body.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view() : body.substr(first);
}

bool json_too_deep(std::string_view body) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return true;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return false;
}

const FeedFormat* detect(const FeedInput& input) {
  for (const FeedFormat& format : feed_formats())
    if (format.detect(input)) return &format;
  return nullptr;
}

// The first element at or under `root` that a format recognises, found
// without recursion (a feed wrapped in an HTML page, or an HTML parse).
const xmlNode* find_feed_root(FeedInput& input, const xmlNode* root) {
  const xmlNode* node = root;
  while (node) {
    if (node->type == XML_ELEMENT_NODE) {
      input.root = node;
      if (detect(input)) return node;
    }
    if (node->children && node->type == XML_ELEMENT_NODE) {
      node = node->children;
      continue;
    }
    while (node && node != root && !node->next) node = node->parent;
    if (!node || node == root) break;
    node = node->next;
  }
  input.root = nullptr;
  return nullptr;
}

// True when the body has tags that feeds use, in any letter case.
bool mentions_feed_tags(std::string_view body) {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  for (std::string_view tag : {"<rss", "<channel", "<item", "<entry", "<feed", "<rdf:rdf"})
    if (std::search(body.begin(), body.end(), tag.begin(), tag.end(), same) != body.end())
      return true;
  return false;
}

bool looks_like_binary_feed(std::string_view body) {
  if (body.substr(0, 2) == "\xFE\xFF" || body.substr(0, 2) == "\xFF\xFE") return false;
  std::string_view head = body.substr(0, 1024);
  return std::memchr(head.data(), '\0', head.size()) != nullptr;
}

Result<Feed> parse_json(const Document& doc, std::string_view body, const std::string& name) {
  if (json_too_deep(body)) return Error{name + ": not a feed (JSON nested too deeply)"};
  nlohmann::json value = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (value.is_discarded()) return Error{name + ": not a feed (invalid JSON)"};
  FeedInput input;
  input.json = &value;
  input.url = doc.final_url.empty() ? doc.url : doc.final_url;
  const FeedFormat* format = detect(input);
  if (!format) return Error{name + ": not a feed (JSON without a JSON Feed version)"};
  Feed feed;
  format->read(input, feed);
  return feed;
}

Result<Feed> read_with(const XmlDocument& document, const std::string& base, Feed& feed) {
  FeedInput input;
  input.xml = {document.doc.get(), document.html};
  input.url = base;
  const xmlNode* root = root_element(document);
  if (!root) return Error{"no element"};
  input.root = root;
  const FeedFormat* format = detect(input);
  if (!format && find_feed_root(input, root)) {
    feed.warnings.push_back(std::string("feed found inside <") +
                            reinterpret_cast<const char*>(root->name) + ">");
    format = detect(input);
  }
  if (!format)
    return Error{std::string("root element <") + reinterpret_cast<const char*>(root->name) + ">"};
  format->read(input, feed);
  return feed;
}

// Items that have what a reader needs to open them: a link and a title.
size_t readable_items(const Feed& feed) {
  return static_cast<size_t>(
      std::count_if(feed.items.begin(), feed.items.end(), [](const FeedItem& i) {
        return !i.link.empty() && !i.title.empty() && i.title.find("://") == std::string::npos;
      }));
}

// Every string valid UTF-8 whatever the input claimed: a declaration the
// parser could not read (encoding="KOI8-R" after a broken version=) left
// the document's bytes unconverted.
void repair_strings(Feed& feed) {
  auto repair = [](std::string& s) {
    if (!text::is_valid_utf8(s)) s = text::repair_utf8(s);
  };
  for (std::string* s :
       {&feed.title, &feed.link, &feed.description, &feed.language, &feed.updated}) {
    repair(*s);
  }
  for (std::string& w : feed.warnings) repair(w);
  for (FeedItem& item : feed.items) {
    for (std::string* s : {&item.title, &item.link, &item.id, &item.published, &item.updated,
                           &item.summary, &item.content}) {
      repair(*s);
    }
    for (std::string& a : item.authors) repair(a);
    for (std::string& c : item.categories) repair(c);
  }
}

Result<Feed> read_feed(const Document& doc);

}  // namespace

Result<Feed> parse_feed(const Document& doc) {
  Result<Feed> feed = read_feed(doc);
  if (feed.ok()) repair_strings(feed.value());
  return feed;
}

namespace {

Result<Feed> read_feed(const Document& doc) {
  const std::string& name = doc.url.empty() ? std::string("input") : doc.url;
  std::string base = doc.final_url.empty() ? doc.url : doc.final_url;
  std::string_view start = skip_bom_and_space(doc.body);
  if (start.empty()) return Error{name + ": not a feed (empty body)"};
  if (looks_like_binary_feed(doc.body)) return Error{name + ": not a feed (binary data)"};
  if (start.front() == '{' || start.front() == '[') return parse_json(doc, start, name);

  XmlDocument xml = read_xml(doc.body, doc.charset, base);
  Feed feed;
  feed.warnings = xml.warnings;
  Result<Feed> from_xml = read_with(xml, base, feed);
  if ((from_xml.ok() && xml.well_formed) || !mentions_feed_tags(doc.body)) {
    if (from_xml.ok()) return from_xml;
    return Error{name + ": not a feed (" + from_xml.error().message + ")"};
  }
  // The XML parser had to recover. Its guesses about where an unclosed
  // element ends are often worse than the HTML parser's, which closes
  // elements the way tag soup means them: keep whichever reads more items.
  XmlDocument html = read_html(doc.body, doc.charset, base);
  Feed html_feed;
  html_feed.warnings.push_back("not well-formed XML; read with the HTML parser");
  Result<Feed> from_html = read_with(html, base, html_feed);
  if (from_html.ok() &&
      (!from_xml.ok() || readable_items(from_html.value()) > readable_items(from_xml.value()))) {
    Feed& f = from_html.value();
    f.warnings.insert(f.warnings.end(), feed.warnings.begin(),
                      feed.warnings.begin() + std::min<size_t>(feed.warnings.size(), 4));
    return from_html;
  }
  if (from_xml.ok()) return from_xml;
  return Error{name + ": not a feed (" + from_xml.error().message + ")"};
}

}  // namespace
}  // namespace osprey::ingest
