#include "osprey/ingest/html/script_stripper.h"

#include <cstring>

#include "osprey/text/ascii.h"

namespace osprey::ingest::html {
namespace {

// Bodies of these elements are dropped with the element.
// <noscript> stays: without scripts it is what a reader sees (forums such as
// Discourse put the whole thread there).
constexpr std::string_view kSkipped[] = {"script", "style", "svg", "template"};

// JSON-LD blobs larger than this are not metadata anyone needs.
constexpr size_t kMaxJsonLd = 1u << 20;

bool starts_with_nocase(std::string_view text, size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if (text::ascii_lower(text[pos + i]) != word[i]) return false;
  return true;
}

size_t find_nocase(std::string_view text, size_t pos, std::string_view word) {
  while (pos < text.size()) {
    const void* hit = std::memchr(text.data() + pos, word[0], text.size() - pos);
    size_t upper_pos = std::string_view::npos;
    if (word[0] >= 'a' && word[0] <= 'z') {
      const void* up = std::memchr(text.data() + pos, word[0] - 'a' + 'A', text.size() - pos);
      if (up) upper_pos = static_cast<const char*>(up) - text.data();
    }
    size_t at = hit ? static_cast<const char*>(hit) - text.data() : std::string_view::npos;
    at = std::min(at, upper_pos);
    if (at == std::string_view::npos) return at;
    if (starts_with_nocase(text, at, word)) return at;
    pos = at + 1;
  }
  return std::string_view::npos;
}

bool is_name_end(std::string_view text, size_t pos) {
  if (pos >= text.size()) return true;
  char c = text[pos];
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The skipped element whose start tag begins at `lt`, or empty.
std::string_view skipped_element_at(std::string_view html, size_t lt) {
  for (std::string_view name : kSkipped)
    if (starts_with_nocase(html, lt + 1, name) && is_name_end(html, lt + 1 + name.size()))
      return name;
  return {};
}

void append_without_nul(std::string& out, std::string_view bytes) {
  size_t start = out.size();
  out.append(bytes);
  for (size_t i = start; i < out.size(); ++i)
    if (out[i] == '\0') out[i] = ' ';
}

}  // namespace

StrippedPage strip_scripts(std::string_view html) {
  StrippedPage page;
  page.html.reserve(html.size() / 2);
  size_t copied = 0;  // html[..copied) has been handled
  size_t pos = 0;
  while (pos < html.size()) {
    const void* hit = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (!hit) break;
    size_t lt = static_cast<const char*>(hit) - html.data();
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t end = html.find("-->", lt + 4);
      append_without_nul(page.html, html.substr(copied, lt - copied));
      copied = pos = (end == std::string_view::npos) ? html.size() : end + 3;
      continue;
    }
    std::string_view name = skipped_element_at(html, lt);
    if (name.empty()) {
      pos = lt + 1;
      continue;
    }
    append_without_nul(page.html, html.substr(copied, lt - copied));
    size_t open_end = html.find('>', lt);
    open_end = (open_end == std::string_view::npos) ? html.size() : open_end + 1;
    std::string close = "</" + std::string(name);
    size_t close_at = find_nocase(html, open_end, close);
    size_t body_end = (close_at == std::string_view::npos) ? html.size() : close_at;
    if (name == "script") {
      std::string_view open_tag = html.substr(lt, open_end - lt);
      if (find_nocase(open_tag, 0, "ld+json") != std::string_view::npos &&
          body_end - open_end <= kMaxJsonLd)
        page.json_ld.emplace_back(html.substr(open_end, body_end - open_end));
    }
    size_t after = html.size();
    if (close_at != std::string_view::npos) {
      size_t gt = html.find('>', close_at);
      after = (gt == std::string_view::npos) ? html.size() : gt + 1;
    }
    // A space keeps the words on either side apart.
    page.html.push_back(' ');
    copied = pos = after;
  }
  if (copied < html.size()) append_without_nul(page.html, html.substr(copied));
  page.declared_charset = sniff_meta_charset(page.html);
  return page;
}

std::string sniff_meta_charset(std::string_view html) {
  std::string_view head = html.substr(0, std::min<size_t>(html.size(), 8192));
  size_t pos = 0;
  while ((pos = find_nocase(head, pos, "<meta")) != std::string_view::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view tag = head.substr(pos, end - pos);
    size_t at = find_nocase(tag, 0, "charset");
    pos = end;
    if (at == std::string_view::npos) continue;
    at += 7;
    while (at < tag.size() &&
           (tag[at] == ' ' || tag[at] == '=' || tag[at] == '"' || tag[at] == '\''))
      ++at;
    std::string value;
    while (at < tag.size() && (text::is_ascii_alnum(tag[at]) || tag[at] == '-' || tag[at] == '_' ||
                               tag[at] == ':' || tag[at] == '.'))
      value.push_back(text::ascii_lower(tag[at++]));
    if (!value.empty()) return value;
  }
  return {};
}

}  // namespace osprey::ingest::html
