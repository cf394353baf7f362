#include "osprey/store/search_query.h"

#include <algorithm>
#include <string>

#include "osprey/text/refang.h"

namespace osprey::store {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Reads one token at `pos`: a quoted phrase (kept with its quotes, for FTS5)
// or a run up to white space; a quote inside a field value quotes the value.
Result<std::string> next_token(std::string_view text, size_t& pos) {
  std::string token;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '"') quoted = !quoted;
    if (!quoted && is_space(c)) break;
    token += c;
  }
  if (quoted) return Error{"search: unclosed quote in '" + std::string(text) + "'"};
  return token;
}

// FTS5 reads only letters, digits, '_' and non-ASCII bytes as a bare word
// (and '*' at its end as a prefix query); anything else ("CVE-2024-3400",
// "evil.example") is quoted so it is searched as the phrase it tokenises to.
std::string fts_term(const std::string& token) {
  if (token.front() == '"' || token == "AND" || token == "OR" || token == "NOT") return token;
  bool bare = true;
  for (size_t i = 0; i < token.size(); ++i) {
    auto c = static_cast<unsigned char>(token[i]);
    bool word =
        c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!word && !(c == '*' && i + 1 == token.size() && i > 0)) bare = false;
  }
  return bare ? token : "\"" + token + "\"";
}

std::string unquote(std::string value) {
  value.erase(std::remove(value.begin(), value.end(), '"'), value.end());
  return value;
}

}  // namespace

Result<SearchQuery> parse_search(std::string_view text) {
  SearchQuery query;
  size_t pos = 0;
  while (pos < text.size()) {
    if (is_space(text[pos])) {
      ++pos;
      continue;
    }
    auto token = next_token(text, pos);
    if (!token.ok()) return token.error();
    const std::string& t = token.value();
    size_t colon = t.find(':');
    bool is_field = colon != std::string::npos && colon > 0 && t.front() != '"' &&
                    std::all_of(t.begin(), t.begin() + static_cast<long>(colon),
                                [](char c) { return c >= 'a' && c <= 'z'; });
    // "https://…" and "CVE-2024-1:foo" are words, not fields.
    if (is_field && t.compare(colon, 3, "://") == 0) is_field = false;
    if (!is_field) {
      if (!query.text.empty()) query.text += ' ';
      query.text += fts_term(t);
      continue;
    }
    std::string field = t.substr(0, colon);
    if (std::find(std::begin(kSearchFields), std::end(kSearchFields), field) ==
        std::end(kSearchFields)) {
      return Error{"search: unknown field '" + field +
                   ":' (fields: actor, malware, tool, cve, ioc, sector, country)"};
    }
    std::string value = unquote(t.substr(colon + 1));
    if (value.empty()) return Error{"search: '" + field + ":' needs a value"};
    if (field == "ioc") value = text::refang_string(value);
    query.filters.emplace_back(field, value);
  }
  return query;
}

}  // namespace osprey::store
