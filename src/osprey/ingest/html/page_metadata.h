// What a page says about itself: title, authors, date, canonical URL,
// language and site name, from three places in falling order of trust —
// JSON-LD, <meta>/<link> tags, and the visible DOM.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <vector>

namespace osprey::ingest::html {

struct PageMetadata {
  std::string title;
  std::vector<std::string> authors;
  std::string published;  // as written
  std::string canonical_url;
  std::string language;  // as written ("en-US"); normalised later
  std::string site_name;
  std::string website_name;       // JSON-LD WebSite/Organization name: the site name of last resort
  std::string article_body;       // JSON-LD articleBody, a fallback for the main text
  bool declares_article = false;  // JSON-LD Article type or og:type=article
};

// Metadata from JSON-LD blobs: the first Article-like object (NewsArticle,
// BlogPosting, …, also inside @graph or arrays) wins; its publisher names
// the site, WebSite and Organization names are a fallback. Blobs that are not JSON are skipped.
PageMetadata read_json_ld(const std::vector<std::string>& blobs);

// Metadata from <meta> (OpenGraph, article:*, citation_*, Dublin Core,
// Parse.ly, plain name=author …) and <link rel=canonical>.
PageMetadata read_meta_tags(xmlDoc* doc);

// Metadata from the visible page: <title>, <html lang>, the first
// <time datetime>, rel=author links and byline/author elements.
PageMetadata read_dom_metadata(xmlDoc* doc);

// Fills each empty field of `into` from `from`.
void fill_missing(PageMetadata& into, const PageMetadata& from);

// The primary language subtag, lower case ("en" from "en-US" or "en_GB"),
// or empty when `written` is not a language tag.
std::string primary_language(std::string_view written);

}  // namespace osprey::ingest::html
