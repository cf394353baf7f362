// read_json_ld: schema.org metadata in <script type="application/ld+json">.
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>

#include "osprey/ingest/html/dom.h"
#include "osprey/ingest/html/page_metadata.h"

namespace osprey::ingest::html {
namespace {

using nlohmann::json;

const std::set<std::string, std::less<>> kArticleTypes = {"Article",
                                                          "NewsArticle",
                                                          "BlogPosting",
                                                          "ReportageNewsArticle",
                                                          "AnalysisNewsArticle",
                                                          "TechArticle",
                                                          "ScholarlyArticle",
                                                          "OpinionNewsArticle",
                                                          "Report",
                                                          "LiveBlogPosting",
                                                          "SocialMediaPosting",
                                                          "DiscussionForumPosting",
                                                          "BackgroundNewsArticle",
                                                          "Review"};

bool has_type(const json& node, auto&& accept) {
  auto it = node.find("@type");
  if (it == node.end()) return false;
  if (it->is_string()) return accept(it->get_ref<const std::string&>());
  if (it->is_array())
    for (const json& t : *it)
      if (t.is_string() && accept(t.get_ref<const std::string&>())) return true;
  return false;
}

std::string string_field(const json& node, std::string_view key) {
  auto it = node.find(key);
  if (it == node.end()) return {};
  if (it->is_string()) return std::string(trim(it->get_ref<const std::string&>()));
  if (it->is_object()) {
    for (std::string_view inner : {"name", "@id", "url", "@value"}) {
      std::string v = string_field(*it, inner);
      if (!v.empty()) return v;
    }
  }
  if (it->is_array() && !it->empty() && it->front().is_string())
    return std::string(trim(it->front().get_ref<const std::string&>()));
  return {};
}

void add_person(const json& person, std::vector<std::string>& authors) {
  std::string name;
  if (person.is_string()) name = person.get<std::string>();
  if (person.is_object()) name = string_field(person, "name");
  name = std::string(trim(name));
  if (name.empty() || name.starts_with("http")) return;
  for (const std::string& known : authors)
    if (known == name) return;
  authors.push_back(name);
}

void read_article_object(const json& node, PageMetadata& meta) {
  meta.title = string_field(node, "headline");
  if (meta.title.empty()) meta.title = string_field(node, "name");
  if (auto it = node.find("author"); it != node.end()) {
    if (it->is_array())
      for (const json& person : *it) add_person(person, meta.authors);
    else
      add_person(*it, meta.authors);
  }
  meta.published = string_field(node, "datePublished");
  if (meta.published.empty()) meta.published = string_field(node, "dateCreated");
  meta.canonical_url = string_field(node, "url");
  if (meta.canonical_url.empty()) meta.canonical_url = string_field(node, "mainEntityOfPage");
  if (!meta.canonical_url.starts_with("http")) meta.canonical_url.clear();
  meta.language = string_field(node, "inLanguage");
  if (auto it = node.find("publisher"); it != node.end() && it->is_object())
    meta.site_name = string_field(*it, "name");
  meta.article_body = string_field(node, "articleBody");
  meta.declares_article = !has_type(node, [](std::string_view t) {
    return t == "DiscussionForumPosting" || t == "SocialMediaPosting";
  });
}

// Visits every object in `root` (arrays and @graph included) without recursion.
template <typename Fn>
void for_each_object(const json& root, Fn&& fn) {
  std::vector<const json*> pending = {&root};
  size_t visited = 0;
  while (!pending.empty() && ++visited < 100000) {
    const json* node = pending.back();
    pending.pop_back();
    if (node->is_array()) {
      for (auto it = node->rbegin(); it != node->rend(); ++it) pending.push_back(&*it);
    } else if (node->is_object()) {
      fn(*node);
      if (auto it = node->find("@graph"); it != node->end()) pending.push_back(&*it);
    }
  }
}

}  // namespace

PageMetadata read_json_ld(const std::vector<std::string>& blobs) {
  PageMetadata meta;
  bool have_article = false;
  std::string site_name;
  for (const std::string& blob : blobs) {
    json root = json::parse(blob, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) continue;
    for_each_object(root, [&](const json& node) {
      if (!have_article &&
          has_type(node, [](std::string_view t) { return kArticleTypes.count(t) != 0; })) {
        read_article_object(node, meta);
        have_article = true;
      } else if (site_name.empty() && has_type(node, [](std::string_view t) {
                   return t == "WebSite" || t == "Organization" || t == "NewsMediaOrganization";
                 })) {
        site_name = string_field(node, "name");
      }
    });
  }
  meta.website_name = site_name;
  return meta;
}

}  // namespace osprey::ingest::html
