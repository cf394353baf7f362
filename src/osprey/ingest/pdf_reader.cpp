#include "osprey/ingest/pdf_reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/ingest/paragraphs.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

// poppler reports damaged files on stderr; Osprey reports them itself.
void quiet_poppler() {
  static const bool once = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)once;
}

std::string utf8(const poppler::ustring& text) {
  auto bytes = text.to_utf8();
  return text::repair_utf8(std::string_view(bytes.data(), bytes.size()));
}

std::string_view trim_line(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\f')) {
    s.remove_suffix(1);
  }
  return s;
}

// A running header or footer differs between pages only in its numbers.
std::string running_key(std::string_view line) {
  std::string key;
  for (char c : line) {
    if (c >= '0' && c <= '9') {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (c >= 'A' && c <= 'Z') {
      key += static_cast<char>(c - 'A' + 'a');
    } else if (c != ' ') {
      key += c;
    }
  }
  return key;
}

// "12", "- 12 -", "Page 3", "page 3 of 10", "3/10".
bool is_page_number(std::string_view line) {
  std::string key = running_key(line);
  static const char* const kForms[] = {"#", "-#-", "page#", "page#of#", "#/#", "p.#", "[#]"};
  return std::any_of(std::begin(kForms), std::end(kForms),
                     [&](const char* form) { return key == form; });
}

using Page = std::vector<std::string>;

// How many lines at each edge of a page are examined for running text.
constexpr size_t kEdgeLines = 2;

void drop_running_lines(std::vector<Page>& pages) {
  std::map<std::string, int> seen;
  auto edges = [](const Page& page, auto&& fn) {
    for (size_t i = 0; i < page.size(); ++i) {
      if (i < kEdgeLines || i + kEdgeLines >= page.size()) fn(i);
    }
  };
  for (const Page& page : pages) {
    std::map<std::string, bool> once;
    edges(page, [&](size_t i) {
      std::string key = running_key(page[i]);
      if (!key.empty() && !once[key]) {
        once[key] = true;
        ++seen[key];
      }
    });
  }
  // Repeated on at least half the pages (and on two at least) = running text.
  int threshold = std::max<int>(2, static_cast<int>((pages.size() + 1) / 2));
  for (Page& page : pages) {
    std::vector<bool> drop(page.size(), false);
    edges(page, [&](size_t i) {
      drop[i] = is_page_number(page[i]) || seen[running_key(page[i])] >= threshold;
    });
    Page kept;
    for (size_t i = 0; i < page.size(); ++i) {
      if (!drop[i]) kept.push_back(std::move(page[i]));
    }
    page = std::move(kept);
  }
}

Page page_lines(const poppler::page& page) {
  std::string text = utf8(page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
  Page lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line = trim_line(std::string_view(text).substr(start, end - start));
    if (!line.empty()) lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Result<Article> read_pdf(const Document& doc, const PdfOptions& options) {
  // poppler builds some process-wide state lazily without a lock (its
  // colour-management profiles, on the first graphics state): PDFs are read
  // one at a time, while pages and feeds may be read on other threads.
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  quiet_poppler();
  if (doc.body.size() > static_cast<size_t>(INT32_MAX)) {
    return Error{doc.url + ": PDF larger than 2 GiB"};
  }
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(doc.body.data(), static_cast<int>(doc.body.size())));
  if (!pdf) return Error{doc.url + ": not a readable PDF"};
  if (pdf->is_locked()) return Error{doc.url + ": the PDF is encrypted"};

  Article article;
  article.source = doc.url;
  article.url = doc.final_url.empty() ? doc.url : doc.final_url;
  article.kind = "pdf";
  article.title = std::string(trim_line(utf8(pdf->get_title())));
  std::string author(trim_line(utf8(pdf->get_author())));
  if (!author.empty()) article.authors.push_back(author);
  time_t created = pdf->info_date_t("CreationDate");
  if (created > 0) {
    article.published_at = created;
    article.published = utf8(pdf->info_key("CreationDate"));
  }

  int count = pdf->pages();
  if (count > options.max_pages) {
    article.warnings.push_back("read the first " + std::to_string(options.max_pages) + " of " +
                               std::to_string(count) + " pages");
    count = options.max_pages;
  }
  std::vector<Page> pages;
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    pages.push_back(page ? page_lines(*page) : Page{});
  }
  if (pages.size() > 1) drop_running_lines(pages);
  std::vector<std::string> lines;
  for (Page& page : pages) {
    // A page break is not a paragraph break: sentences run on across pages.
    for (std::string& line : page) lines.push_back(std::move(line));
  }
  article.text = join_wrapped_lines(lines);
  if (article.title.empty() && !lines.empty()) article.title = lines.front();
  if (article.text.empty()) article.warnings.push_back("the PDF has no extractable text");
  return article;
}

}  // namespace osprey::ingest
