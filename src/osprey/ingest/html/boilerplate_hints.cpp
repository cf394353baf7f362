#include "osprey/ingest/html/boilerplate_hints.h"

#include <string>
#include <string_view>

#include "osprey/ingest/html/dom.h"
#include "osprey/text/ascii.h"

namespace osprey::ingest::html {
namespace {

// Matched anywhere in class or id ("comments-area", "postShareBar").
constexpr std::string_view kBoilerplateParts[] = {
    "comment",    "cookie",        "consent",         "gdpr",         "newsletter",
    "subscri",    "social",        "share",           "sharing",      "related",
    "recommend",  "promo",         "sponsor",         "advert",       "breadcrumb",
    "pagination", "pager",         "popup",           "modal",        "disqus",
    "outbrain",   "taboola",       "sidebar",         "skip-link",    "navbar",
    "navigation", "menu",          "footer",          "masthead",     "signup",
    "sign-up",    "trending",      "popular",         "most-read",    "mostread",
    "readmore",   "read-more",     "more-stories",    "author-bio",   "authorbio",
    "byline",     "post-meta",     "entry-meta",      "article-meta", "tagcloud",
    "tag-list",   "taglist",       "post-tags",       "entry-tags",   "toolbar",
    "offcanvas",  "off-canvas",    "login",           "searchform",   "search-form",
    "sr-only",    "screen-reader", "visually-hidden", "banner",       "header",
    "jump-to",    "print-button",  "rating",          "next-post",    "prev-post",
    "post-nav",   "postnav",       "you-may",         "also-like",    "more-from",
    "in-case",    "lightbox",      "overlay",         "dropdown",     "newsfeed",
    "ticker",     "byline",        "dateline",        "timestamp",    "pullquote",
    "donate",     "paywall",       "meta-data",       "metadata",     "entry-footer",
    "tags"};

// Matched as a whole word of class or id ("ad", "nav", "meta").
constexpr std::string_view kBoilerplateWords[] = {"ad",   "ads",  "adv",  "nav",    "aside",
                                                  "meta", "foot", "date", "author", "extra",
                                                  "tag",  "cta",  "hide", "links",  "share"};

constexpr std::string_view kContentParts[] = {"article", "content", "entry",  "post",
                                              "story",   "main",    "body",   "text",
                                              "blog",    "prose",   "hentry", "markdown"};

constexpr std::string_view kFurnitureRoles[] = {
    "navigation", "banner",      "contentinfo", "complementary", "menu",   "menubar",
    "dialog",     "alertdialog", "search",      "toolbar",       "tablist"};

constexpr std::string_view kFurnitureTags[] = {
    "nav",    "aside",    "footer", "header", "button", "input",  "select",   "textarea",
    "label",  "iframe",   "object", "embed",  "canvas", "dialog", "menu",     "head",
    "option", "datalist", "map",    "audio",  "video",  "form",   "noscript", "script",
    "style",  "template", "svg",    "math",   "link",   "meta",   "title"};

bool contains_any_part(const std::string& names, auto const& parts) {
  for (std::string_view part : parts)
    if (names.find(part) != std::string::npos) return true;
  return false;
}

bool contains_any_word(const std::string& names, auto const& words) {
  size_t pos = 0;
  while (pos < names.size()) {
    while (pos < names.size() && !text::is_ascii_alnum(names[pos])) ++pos;
    size_t end = pos;
    while (end < names.size() && text::is_ascii_alnum(names[end])) ++end;
    std::string_view word(names.data() + pos, end - pos);
    for (std::string_view w : words)
      if (word == w) return true;
    pos = end;
  }
  return false;
}

std::string class_and_id(const xmlNode* n) {
  std::string names = text::ascii_lowercase(attribute(n, "class"));
  names.push_back(' ');
  names += text::ascii_lowercase(attribute(n, "id"));
  return names;
}

}  // namespace

Hint hint_for(const xmlNode* n, bool comments_are_content) {
  std::string_view name = tag(n);
  for (std::string_view t : kFurnitureTags)
    if (name == t) return Hint::kFurniture;
  std::string_view role = attribute(n, "role");
  for (std::string_view r : kFurnitureRoles)
    if (role == r) return Hint::kFurniture;
  if (name == "body" || name == "html" || name == "main" || name == "article")
    return Hint::kNeutral;
  std::string names = class_and_id(n);
  if (names.size() <= 1) return Hint::kNeutral;
  bool content = contains_any_part(names, kContentParts);
  if (comments_are_content &&
      (names.find("comment") != std::string::npos || names.find("reply") != std::string::npos))
    return Hint::kContent;
  if (contains_any_part(names, kBoilerplateParts)) return Hint::kBoilerplate;
  if (!content && contains_any_word(names, kBoilerplateWords)) return Hint::kBoilerplate;
  return content ? Hint::kContent : Hint::kNeutral;
}

int class_weight(const xmlNode* n) {
  std::string names = class_and_id(n);
  if (names.size() <= 1) return 0;
  int weight = 0;
  if (contains_any_part(names, kContentParts)) weight += 25;
  if (contains_any_part(names, kBoilerplateParts) || contains_any_word(names, kBoilerplateWords))
    weight -= 25;
  return weight;
}

bool is_block_tag(const xmlNode* n) {
  static constexpr std::string_view kBlocks[] = {
      "p",      "div",        "section", "article",    "main",    "li",     "ul",    "ol",
      "dl",     "dt",         "dd",      "td",         "th",      "tr",     "table", "tbody",
      "thead",  "tfoot",      "h1",      "h2",         "h3",      "h4",     "h5",    "h6",
      "pre",    "blockquote", "figure",  "figcaption", "header",  "footer", "aside", "nav",
      "form",   "fieldset",   "address", "details",    "summary", "body",   "html",  "hr",
      "center", "caption",    "hgroup",  "dialog",     "menu",    "legend", "br"};
  std::string_view name = tag(n);
  for (std::string_view b : kBlocks)
    if (name == b) return true;
  return false;
}

}  // namespace osprey::ingest::html
