#include "osprey/text/markup.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "osprey/text/ascii.h"

namespace osprey::text {
namespace {

std::string lower_prefix(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

bool is_block_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 18> kBlocks = {
      "p",     "div", "br", "li", "ul", "ol", "tr", "td",  "th",
      "table", "h1",  "h2", "h3", "h4", "h5", "h6", "pre", "section"};
  return std::find(kBlocks.begin(), kBlocks.end(), tag) != kBlocks.end();
}

// Case-insensitive search for an ASCII needle.
size_t find_ci(std::string_view hay, std::string_view needle, size_t from) {
  auto it = std::search(hay.begin() + static_cast<long>(from), hay.end(), needle.begin(),
                        needle.end(), [](char a, char b) { return ascii_lower(a) == b; });
  return it == hay.end() ? std::string_view::npos : static_cast<size_t>(it - hay.begin());
}

}  // namespace

bool looks_like_html(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  size_t i = text.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return false;
  std::string head = lower_prefix(text.substr(i), 15);
  return head.starts_with("<!doctype html") || head.starts_with("<html") ||
         head.starts_with("<head") || head.starts_with("<body") || head.starts_with("<!--");
}

std::string blank_markup(std::string_view html) {
  std::string out(html);
  size_t i = 0;
  auto blank = [&](size_t from, size_t to, bool block) {
    std::fill(out.begin() + static_cast<long>(from), out.begin() + static_cast<long>(to), ' ');
    if (block && to > from) out[from] = '\n';
  };
  while (i < html.size()) {
    size_t open = html.find('<', i);
    if (open == std::string_view::npos) break;
    if (html.substr(open, 4) == "<!--") {
      size_t close = html.find("-->", open + 4);
      size_t end = close == std::string_view::npos ? html.size() : close + 3;
      blank(open, end, false);
      i = end;
      continue;
    }
    size_t name_start = open + 1 + (open + 1 < html.size() && html[open + 1] == '/' ? 1 : 0);
    size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end])))
      ++name_end;
    if (name_end == name_start && (name_start >= html.size() || html[name_start] != '!')) {
      i = open + 1;  // a lone '<' in text
      continue;
    }
    size_t close = html.find('>', name_end);
    size_t end = close == std::string_view::npos ? html.size() : close + 1;
    std::string name = lower_prefix(html.substr(name_start, name_end - name_start), 16);
    blank(open, end, is_block_tag(name));
    i = end;
    bool opening = html[open + 1] != '/';
    if (opening && (name == "script" || name == "style" || name == "svg")) {
      // Skip the element's body up to its end tag.
      size_t stop = find_ci(html, "</" + name, i);
      size_t body_end = stop == std::string_view::npos ? html.size() : stop;
      blank(i, body_end, false);
      i = body_end;
    }
  }
  return out;
}

}  // namespace osprey::text
