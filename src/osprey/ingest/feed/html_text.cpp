#include "osprey/ingest/feed/html_text.h"

#include <libxml/HTMLparser.h>

#include <charconv>

#include "osprey/text/ascii.h"
#include "osprey/text/utf8.h"

namespace osprey::ingest {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length of the tag, comment or declaration starting at html[pos] == '<',
// or 0 when the '<' is plain text.
size_t markup_length(std::string_view html, size_t pos) {
  if (pos + 1 >= html.size()) return 0;
  char next = html[pos + 1];
  if (html.compare(pos, 4, "<!--") == 0) {
    size_t end = html.find("-->", pos + 4);
    return end == std::string_view::npos ? html.size() - pos : end + 3 - pos;
  }
  if (!is_alpha(next) && next != '/' && next != '!' && next != '?') return 0;
  if (next == '/' && (pos + 2 >= html.size() || !is_alpha(html[pos + 2]))) return 0;
  size_t end = html.find('>', pos + 1);
  return end == std::string_view::npos ? 0 : end + 1 - pos;
}

// True for tags that separate words (block elements, line breaks); inline
// ones such as <b> or <a> do not ("<b>Zero</b>Day" reads "ZeroDay").
bool breaks_words(std::string_view tag) {
  size_t i = 1;
  if (i < tag.size() && tag[i] == '/') ++i;
  size_t start = i;
  while (i < tag.size() && text::is_ascii_alnum(tag[i])) ++i;
  std::string name(tag.substr(start, i - start));
  for (char& c : name) c = static_cast<char>(c | 0x20);
  static constexpr std::string_view kBlocks[] = {
      "br", "p",  "div", "li",         "ul",  "ol",    "tr", "td", "th", "h1",      "h2",     "h3",
      "h4", "h5", "h6",  "blockquote", "pre", "table", "hr", "dd", "dt", "section", "article"};
  for (std::string_view block : kBlocks)
    if (name == block) return true;
  return start == i;  // comments and declarations
}

// Decodes the character reference at html[pos] == '&' into `out`; returns
// the bytes consumed, or 0 when it is not a reference.
size_t decode_reference(std::string_view html, size_t pos, std::string& out) {
  size_t i = pos + 1;
  if (i < html.size() && html[i] == '#') {
    ++i;
    int base = 10;
    if (i < html.size() && (html[i] == 'x' || html[i] == 'X')) {
      base = 16;
      ++i;
    }
    uint32_t value = 0;
    auto [end, ec] = std::from_chars(html.data() + i, html.data() + html.size(), value, base);
    if (ec != std::errc() || end == html.data() + i) return 0;
    size_t stop = static_cast<size_t>(end - html.data());
    if (stop < html.size() && html[stop] == ';') ++stop;
    append_utf8(out, value);
    return stop - pos;
  }
  size_t start = i;
  while (i < html.size() && i - start < 32 && text::is_ascii_alnum(html[i])) ++i;
  if (i == start || i >= html.size() || html[i] != ';') return 0;
  if (!append_named_entity(out, html.substr(start, i - start))) return 0;
  return i + 1 - pos;
}

}  // namespace

void append_utf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool append_named_entity(std::string& out, std::string_view name) {
  if (name.empty() || name.size() > 31) return false;
  char buffer[32];
  name.copy(buffer, name.size());
  buffer[name.size()] = '\0';
  // libxml2 carries the HTML 4 entity table; "apos" is XML's and HTML5's.
  if (name == "apos") {
    out += '\'';
    return true;
  }
  const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(buffer));
  if (!entity) return false;
  append_utf8(out, entity->value);
  return true;
}

std::string html_to_text(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  bool pending_space = false;
  for (size_t i = 0; i < html.size();) {
    char c = html[i];
    if (c == '<') {
      if (size_t n = markup_length(html, i)) {
        if (breaks_words(html.substr(i, n))) pending_space = pending_space || !out.empty();
        i += n;
        continue;
      }
    }
    if (is_space(c)) {
      pending_space = !out.empty();
      ++i;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (c == '&') {
      if (size_t n = decode_reference(html, i, out)) {
        i += n;
        continue;
      }
    }
    out += c;
    ++i;
  }
  if (!text::is_valid_utf8(out)) out = text::repair_utf8(out);
  return out;
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += attribute ? "&#13;" : "\r";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

}  // namespace osprey::ingest
