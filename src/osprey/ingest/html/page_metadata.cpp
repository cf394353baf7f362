#include "osprey/ingest/html/page_metadata.h"

#include <map>

#include "osprey/ingest/html/dom.h"
#include "osprey/text/ascii.h"

namespace osprey::ingest::html {
namespace {

// Every <meta> key (name, property or http-equiv, lower case) with its
// contents in page order.
using MetaTags = std::map<std::string, std::vector<std::string>, std::less<>>;

std::string first(const MetaTags& tags, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    auto it = tags.find(key);
    if (it == tags.end()) continue;
    for (const std::string& value : it->second)
      if (!value.empty()) return value;
  }
  return {};
}

void add_author(std::vector<std::string>& authors, std::string_view written) {
  std::string name(trim(written));
  if (name.empty() || name.size() > 100 || name.starts_with("http")) return;
  for (const std::string& known : authors)
    if (known == name) return;
  authors.push_back(std::move(name));
}

bool has_token(std::string_view list, std::string_view token) {
  size_t pos = 0;
  while (pos < list.size()) {
    size_t end = list.find(' ', pos);
    if (end == std::string_view::npos) end = list.size();
    if (text::ascii_lowercase(list.substr(pos, end - pos)) == token) return true;
    pos = end + 1;
  }
  return false;
}

bool class_mentions(const xmlNode* n, std::string_view word) {
  std::string names = text::ascii_lowercase(attribute(n, "class"));
  return names.find(word) != std::string::npos;
}

}  // namespace

PageMetadata read_meta_tags(xmlDoc* doc) {
  MetaTags tags;
  std::string canonical;
  walk(
      xmlDocGetRootElement(doc),
      [&](xmlNode* n) {
        std::string_view name = tag(n);
        if (name == "meta") {
          std::string_view key = attribute(n, "property");
          if (key.empty()) key = attribute(n, "name");
          if (key.empty()) key = attribute(n, "itemprop");
          if (key.empty()) key = attribute(n, "http-equiv");
          if (!key.empty())
            tags[text::ascii_lowercase(trim(key))].emplace_back(trim(attribute(n, "content")));
        } else if (name == "link" && canonical.empty() &&
                   has_token(attribute(n, "rel"), "canonical")) {
          canonical = std::string(trim(attribute(n, "href")));
        }
        return is_element(n) && name != "p";
      },
      [](xmlNode*) {});
  PageMetadata meta;
  meta.title = first(tags, {"og:title", "twitter:title", "citation_title", "parsely-title",
                            "dc.title", "sailthru.title", "headline"});
  for (std::string_view key : {"author", "article:author", "citation_author", "parsely-author",
                               "dc.creator", "sailthru.author", "byl"}) {
    auto it = tags.find(key);
    if (it == tags.end()) continue;
    for (const std::string& value : it->second) add_author(meta.authors, value);
    if (!meta.authors.empty()) break;
  }
  meta.published =
      first(tags, {"article:published_time", "datepublished", "citation_publication_date",
                   "citation_date", "parsely-pub-date", "dc.date.issued", "dcterms.created",
                   "dc.date", "pubdate", "publishdate", "publish-date", "sailthru.date",
                   "og:published_time", "date", "article.published"});
  meta.canonical_url = canonical.empty() ? first(tags, {"og:url"}) : canonical;
  meta.language = first(tags, {"content-language", "dc.language", "og:locale", "language"});
  meta.site_name = first(tags, {"og:site_name", "application-name", "publisher"});
  meta.declares_article = first(tags, {"og:type"}) == "article";
  return meta;
}

PageMetadata read_dom_metadata(xmlDoc* doc) {
  PageMetadata meta;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root) return meta;
  meta.language = std::string(trim(attribute(root, "lang")));
  if (meta.language.empty()) meta.language = std::string(trim(attribute(root, "xml:lang")));
  std::string first_h1;
  walk(
      root,
      [&](xmlNode* n) {
        std::string_view name = tag(n);
        if (name.empty()) return false;
        if (name == "title" && meta.title.empty()) {
          meta.title = collapsed_text(n, 1000);
          return false;
        }
        if (name == "h1" && first_h1.empty()) first_h1 = collapsed_text(n, 1000);
        if (name == "time" && meta.published.empty()) {
          std::string_view when = attribute(n, "datetime");
          if (!when.empty()) meta.published = std::string(trim(when));
        }
        bool byline = (name == "a" && has_token(attribute(n, "rel"), "author")) ||
                      attribute(n, "itemprop") == "author" || class_mentions(n, "byline") ||
                      class_mentions(n, "author-name");
        if (byline && meta.authors.empty()) {
          std::string who = collapsed_text(n, 200);
          for (std::string_view prefix : {"By ", "by ", "BY "})
            if (who.starts_with(prefix)) who = who.substr(prefix.size());
          if (who.size() <= 80) add_author(meta.authors, who);
          return false;
        }
        return true;
      },
      [](xmlNode*) {});
  if (meta.title.empty()) meta.title = first_h1;
  return meta;
}

void fill_missing(PageMetadata& into, const PageMetadata& from) {
  auto fill = [](std::string& a, const std::string& b) {
    if (a.empty()) a = b;
  };
  fill(into.title, from.title);
  if (into.authors.empty()) into.authors = from.authors;
  fill(into.published, from.published);
  fill(into.canonical_url, from.canonical_url);
  fill(into.language, from.language);
  fill(into.site_name, from.site_name);
  fill(into.website_name, from.website_name);
  fill(into.article_body, from.article_body);
  into.declares_article = into.declares_article || from.declares_article;
}

std::string primary_language(std::string_view written) {
  std::string_view tag_text = trim(written);
  size_t end = tag_text.find_first_of("-_");
  std::string primary = text::ascii_lowercase(tag_text.substr(0, end));
  if (primary.size() < 2 || primary.size() > 3) return {};
  for (char c : primary)
    if (c < 'a' || c > 'z') return {};
  return primary;
}

}  // namespace osprey::ingest::html
