#include "osprey/ingest/html/article_reader.h"

#include "osprey/text/dates.h"
#include "osprey/ingest/html/dom.h"
#include "osprey/ingest/html/html_tree.h"
#include "osprey/ingest/html/main_content.h"
#include "osprey/ingest/html/page_metadata.h"
#include "osprey/ingest/html/script_stripper.h"
#include "osprey/ingest/html/text_render.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

// Binary data (images, archives, executables) served as a page: many NUL
// or control bytes near the start and no markup.
bool looks_like_binary_page(std::string_view body) {
  std::string_view head = body.substr(0, 4096);
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") return false;
  size_t control = 0;
  for (unsigned char c : head)
    if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) ++control;
  return control * 10 > head.size() && head.find('<') == std::string_view::npos;
}

std::string valid(std::string s) {
  return text::is_valid_utf8(s) ? std::move(s) : text::repair_utf8(s);
}

// "Headline | Site" or "Headline - Site" when the site is known.
std::string without_site_suffix(const std::string& title, const std::string& site) {
  if (site.empty()) return title;
  for (std::string_view sep : {" | ", " - ", " – ", " — ", " :: ", " · "}) {
    std::string suffix = std::string(sep) + site;
    if (title.size() > suffix.size() && title.ends_with(suffix))
      return title.substr(0, title.size() - suffix.size());
  }
  return title;
}

std::string main_text(xmlDoc* doc, const html::PageMetadata& meta, const ArticleOptions& options,
                      std::vector<std::string>& warnings) {
  using namespace html;
  SelectionOptions selection;
  selection.title = meta.title;
  selection.declared_article = meta.declares_article;
  std::string text = render_text(select_main_content(doc, selection));
  if (text.size() >= options.min_text_chars) return text;
  selection.use_class_hints = false;
  std::string retry = render_text(select_main_content(doc, selection));
  if (retry.size() > text.size() * 2) {
    warnings.push_back("main text found only when class/id hints were ignored");
    text = std::move(retry);
  }
  if (text.size() < options.min_text_chars && meta.article_body.size() > text.size()) {
    warnings.push_back("main text taken from JSON-LD articleBody");
    text = meta.article_body;
  }
  return text;
}

}  // namespace

Result<Article> read_article(const Document& doc, const ArticleOptions& options) {
  // Here, not at file scope: in a unity build that would reach the files compiled after this one.
  using namespace html;
  const std::string& name = doc.url.empty() ? std::string("(page)") : doc.url;
  if (doc.body.size() > options.max_page_bytes)
    return Error{name + ": page too large (" + std::to_string(doc.body.size()) + " bytes, limit " +
                 std::to_string(options.max_page_bytes) + ")"};
  if (looks_like_binary_page(doc.body)) return Error{name + ": not an HTML page (binary data)"};
  Article article;
  article.source = doc.url;
  article.url = doc.final_url.empty() ? doc.url : doc.final_url;
  article.kind = "html";
  if (html::trim(doc.body).empty()) {
    article.warnings.push_back("empty page");
    return article;
  }
  StrippedPage page = strip_scripts(doc.body);
  std::string encoding = choose_encoding(doc.charset, page.declared_charset, page.html);
  Result<HtmlTree> tree = parse_html(std::move(page.html), encoding, article.warnings);
  if (!tree.ok()) return Error{name + ": " + tree.error().message};
  xmlDoc* dom = tree.value().get();

  PageMetadata meta = read_json_ld(page.json_ld);
  fill_missing(meta, read_meta_tags(dom));
  PageMetadata visible = read_dom_metadata(dom);
  if (meta.site_name.empty()) meta.site_name = meta.website_name;
  bool title_from_dom = meta.title.empty();
  fill_missing(meta, visible);
  if (title_from_dom) meta.title = without_site_suffix(meta.title, meta.site_name);

  article.text = valid(main_text(dom, meta, options, article.warnings));
  if (article.text.empty()) article.warnings.push_back("no main text found");
  article.title = valid(meta.title);
  for (std::string& author : meta.authors) article.authors.push_back(valid(std::move(author)));
  article.published = valid(meta.published);
  if (auto when = text::parse_date(meta.published)) article.published_at = *when;
  article.canonical_url = valid(meta.canonical_url);
  article.language = primary_language(meta.language);
  article.site_name = valid(meta.site_name);
  return article;
}

}  // namespace osprey::ingest
