#include "osprey/observables/candidate.h"

#include <algorithm>

#include "osprey/text/ascii.h"

namespace osprey::observables {

std::string_view ScanContext::line_before(uint64_t pos, size_t n) const {
  uint64_t from = pos > n ? pos - n : 0;
  std::string_view window = text.substr(from, pos - from);
  if (size_t nl = window.rfind('\n'); nl != std::string_view::npos) window.remove_prefix(nl + 1);
  return window;
}

std::string_view ScanContext::line_after(uint64_t pos, size_t n) const {
  if (pos >= text.size()) return {};
  std::string_view window = text.substr(pos, n);
  if (size_t nl = window.find('\n'); nl != std::string_view::npos) window = window.substr(0, nl);
  return window;
}

std::string lowercase(std::string_view s) {
  return text::ascii_lowercase(s);
}

std::string uppercase(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  });
  return out;
}

Candidate run_around(std::string_view text, uint64_t end, const CharClass& cls, size_t max_len) {
  uint64_t from = end;
  while (from > 0 && cls(text[from - 1]) && end - from < max_len) --from;
  uint64_t to = end;
  while (to < text.size() && cls(text[to]) && to - from < max_len) ++to;
  return {from, to};
}

Candidate trim(std::string_view text, Candidate c, std::string_view chars) {
  while (c.from < c.to && chars.find(text[c.from]) != std::string_view::npos) ++c.from;
  while (c.to > c.from && chars.find(text[c.to - 1]) != std::string_view::npos) --c.to;
  return c;
}

bool alnum_bounded(const ScanContext& ctx, Candidate c) {
  return !is_alnum(ctx.at(static_cast<int64_t>(c.from) - 1)) &&
         !is_alnum(ctx.at(static_cast<int64_t>(c.to)));
}

bool mentions_any(std::string_view haystack, const std::vector<std::string_view>& words) {
  std::string lower = lowercase(haystack);
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

}  // namespace osprey::observables
