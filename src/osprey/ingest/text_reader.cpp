#include "osprey/ingest/text_reader.h"

#include <string>
#include <vector>

#include "osprey/text/ascii.h"
#include "osprey/text/encoding.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

constexpr size_t kLongestTitle = 200;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "## Heading ##" → "Heading"; other lines unchanged. Inline markup is kept:
// it rarely hides words, and indicators often sit inside `code` spans.
std::string_view markdown_line(std::string_view line, bool* heading) {
  std::string_view t = trim_blanks(line);
  size_t hashes = 0;
  while (hashes < t.size() && hashes < 6 && t[hashes] == '#') ++hashes;
  *heading = hashes > 0 && hashes < t.size() && t[hashes] == ' ';
  if (!*heading) return line;
  t = trim_blanks(t.substr(hashes));
  while (!t.empty() && t.back() == '#') t.remove_suffix(1);
  return trim_blanks(t);
}

}  // namespace

bool looks_binary(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return false;
  std::string_view head = bytes.substr(0, 8192);
  size_t control = 0;
  for (char c : head) {
    auto u = static_cast<unsigned char>(c);
    if (u == 0) return true;
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 20 > head.size();  // more than 5 % control characters
}

bool is_markdown(const Document& doc) {
  std::string url = text::ascii_lowercase(doc.url);
  return doc.content_type == "text/markdown" || url.ends_with(".md") || url.ends_with(".markdown");
}

Result<Article> read_text(const Document& doc) {
  if (looks_binary(doc.body)) return Error{doc.url + ": binary data, not text"};
  auto decoded = text::to_utf8(doc.body, doc.charset);
  if (!decoded.ok()) return Error{doc.url + ": " + decoded.error().message};
  const bool markdown = is_markdown(doc);

  Article article;
  article.source = doc.url;
  article.url = doc.final_url.empty() ? doc.url : doc.final_url;
  article.kind = markdown ? "markdown" : "text";
  std::string& out = article.text;
  out.reserve(decoded.value().size());
  bool in_code = false;
  int blank_run = 0;
  for (std::string_view line : split_lines(decoded.value())) {
    std::string_view kept = line;
    if (markdown && trim_blanks(line).starts_with("```")) {
      in_code = !in_code;
      continue;  // the fence itself is markup
    }
    bool heading = false;
    if (markdown && !in_code) kept = markdown_line(line, &heading);
    if (trim_blanks(kept).empty() && !in_code) {
      ++blank_run;
      continue;
    }
    if (article.title.empty() && !in_code) {
      std::string_view candidate = trim_blanks(kept);
      if ((!markdown || heading) && candidate.size() <= kLongestTitle) {
        article.title = std::string(candidate);
        if (heading) continue;  // a Markdown title is not repeated in the text
      }
    }
    if (!out.empty()) out += blank_run > 0 || heading ? "\n\n" : "\n";
    blank_run = 0;
    out += kept;
  }
  if (article.title.empty() && !out.empty()) {
    std::string_view first = trim_blanks(std::string_view(out).substr(0, out.find('\n')));
    article.title = std::string(first.substr(0, text::utf8_cut_before(first, kLongestTitle)));
  }
  return article;
}

}  // namespace osprey::ingest
