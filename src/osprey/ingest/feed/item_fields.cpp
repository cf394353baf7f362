#include "osprey/ingest/feed/item_fields.h"

#include <algorithm>

#include "osprey/text/dates.h"

namespace osprey::ingest {

std::string clean_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

void set_date(std::string& verbatim, int64_t& at, const std::string& written) {
  std::string value = clean_text(written);
  if (value.empty() || !verbatim.empty()) return;
  verbatim = value;
  at = text::parse_date(value).value_or(0);
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  std::string v = clean_text(value);
  if (v.empty() || std::find(list.begin(), list.end(), v) != list.end()) return;
  list.push_back(std::move(v));
}

std::string author_name(const std::string& written) {
  std::string text = clean_text(written);
  size_t open = text.find(" (");
  if (open != std::string::npos && text.back() == ')' && text.find('@') < open)
    return text.substr(open + 2, text.size() - open - 3);
  return text;
}

void finish_item(FeedItem& item) {
  if (item.content.empty()) item.content = item.summary;
}

}  // namespace osprey::ingest
