// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). Fields of
// the wrong JSON type are ignored rather than failing the feed.
#include "osprey/ingest/feed/feed_formats.h"
#include "osprey/ingest/feed/html_text.h"
#include "osprey/ingest/feed/item_fields.h"
#include "osprey/ingest/feed/url.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

using nlohmann::json;

// The string at `key`, repaired to valid UTF-8; "" when absent or not a string.
std::string string_at(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  const std::string& s = it->get_ref<const std::string&>();
  return text::is_valid_utf8(s) ? s : text::repair_utf8(s);
}

const json* array_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? &*it : nullptr;
}

void add_author(std::vector<std::string>& authors, const json& author) {
  if (!author.is_object()) return;
  std::string name = string_at(author, "name");
  add_unique(authors, name.empty() ? string_at(author, "url") : name);
}

FeedItem read_item(const json& object, const std::string& base) {
  FeedItem item;
  item.title = html_to_text(string_at(object, "title"));
  item.link = resolve_url(base, string_at(object, "url"));
  if (item.link.empty()) item.link = resolve_url(base, string_at(object, "external_url"));
  auto id = object.find("id");
  if (id != object.end() && id->is_string()) item.id = string_at(object, "id");
  if (id != object.end() && id->is_number()) item.id = id->dump();
  set_date(item.published, item.published_at, string_at(object, "date_published"));
  set_date(item.updated, item.updated_at, string_at(object, "date_modified"));
  item.summary = escape_html(string_at(object, "summary"));
  item.content = string_at(object, "content_html");
  if (item.content.empty()) item.content = escape_html(string_at(object, "content_text"));
  if (const json* authors = array_at(object, "authors"))
    for (const json& a : *authors) add_author(item.authors, a);
  if (auto a = object.find("author"); a != object.end()) add_author(item.authors, *a);
  if (const json* tags = array_at(object, "tags"))
    for (const json& t : *tags)
      if (t.is_string()) add_unique(item.categories, text::repair_utf8(t.get<std::string>()));
  if (const json* attachments = array_at(object, "attachments")) {
    for (const json& a : *attachments) {
      if (!a.is_object() || string_at(a, "url").empty()) continue;
      auto size = a.find("size_in_bytes");
      int64_t length = size != a.end() && size->is_number_integer() ? size->get<int64_t>() : 0;
      item.enclosures.push_back({resolve_url(base, string_at(a, "url")), string_at(a, "mime_type"),
                                 std::max<int64_t>(length, 0)});
    }
  }
  if (std::string image = string_at(object, "image"); !image.empty())
    item.enclosures.push_back({resolve_url(base, image), "image", 0});
  finish_item(item);
  return item;
}

}  // namespace

bool is_json_feed(const FeedInput& input) {
  if (!input.json || !input.json->is_object()) return false;
  std::string version = string_at(*input.json, "version");
  return version.rfind("https://jsonfeed.org/version/", 0) == 0 ||
         version.rfind("http://jsonfeed.org/version/", 0) == 0;
}

void read_json_feed(const FeedInput& input, Feed& feed) {
  const json& root = *input.json;
  std::string version = string_at(root, "version");
  feed.format = version.substr(version.rfind('/') + 1) == "1.1" ? "jsonfeed1.1" : "jsonfeed1";
  feed.title = html_to_text(string_at(root, "title"));
  feed.link = resolve_url(input.url, string_at(root, "home_page_url"));
  feed.description = string_at(root, "description");
  feed.language = string_at(root, "language");
  const json* items = array_at(root, "items");
  if (!items) {
    feed.warnings.push_back("JSON Feed without an items array");
    return;
  }
  std::string base = string_at(root, "feed_url").empty()
                         ? input.url
                         : resolve_url(input.url, string_at(root, "feed_url"));
  for (const json& object : *items) {
    if (!object.is_object()) {
      feed.warnings.push_back("JSON Feed item that is not an object skipped");
      continue;
    }
    feed.items.push_back(read_item(object, base));
  }
}

}  // namespace osprey::ingest
