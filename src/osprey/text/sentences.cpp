#include "osprey/text/sentences.h"

#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "osprey/text/ascii.h"
#include "osprey/text/utf8.h"

namespace osprey::text {
namespace {

// Bytes that may end a sentence.
constexpr std::array<bool, 256> kEnders = [] {
  std::array<bool, 256> t{};
  t['.'] = t['!'] = t['?'] = t['\n'] = true;
  return t;
}();

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool is_abbreviation(std::string_view text, size_t dot) {
  static constexpr std::array<std::string_view, 22> kAbbreviations = {
      "e.g",  "i.e", "etc", "vs", "mr", "mrs", "ms",  "dr",  "prof",   "inc", "ltd",
      "corp", "co",  "no",  "st", "jr", "sr",  "u.s", "u.k", "approx", "fig", "al"};
  size_t start = dot;
  while (start > 0 &&
         (std::isalpha(static_cast<unsigned char>(text[start - 1])) || text[start - 1] == '.'))
    --start;
  std::string word(text.substr(start, dot - start));
  std::transform(word.begin(), word.end(), word.begin(), ascii_lower);
  if (word.size() == 1) return true;  // initials: "J. Smith"
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

bool starts_sentence(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' ||
         c == '[' || static_cast<unsigned char>(c) >= 0x80;
}

// Whether a sentence ends with the byte at i: a line break, or a terminator
// followed by white space and a sentence start. `next` receives where the
// following sentence starts.
bool ends_sentence(std::string_view text, size_t i, size_t& next) {
  char c = text[i];
  if (c == '\n') {
    next = i + 1;
    return true;
  }
  if ((c != '.' && c != '!' && c != '?') || i + 2 >= text.size() || !is_space(text[i + 1]))
    return false;
  size_t j = i + 1;
  while (j < text.size() && is_space(text[j])) ++j;
  if (j >= text.size() || !starts_sentence(text[j]) || (c == '.' && is_abbreviation(text, i)))
    return false;
  next = j;
  return true;
}

Span trimmed(std::string_view text, size_t from, size_t to) {
  while (from < to && (is_space(text[from]) || text[from] == '\n')) ++from;
  while (to > from && (is_space(text[to - 1]) || text[to - 1] == '\n')) --to;
  return {from, to};
}

}  // namespace

namespace {

constexpr size_t kNoEnder = ~size_t{0};

#if defined(__SSE2__)
// Bit k set where p[k] may end a sentence ('.', '!', '?' or a line break).
unsigned enders16(const char* p) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  auto is = [&](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  return static_cast<unsigned>(_mm_movemask_epi8(
      _mm_or_si128(_mm_or_si128(is('.'), is('!')), _mm_or_si128(is('?'), is('\n')))));
}
#endif

// The position of the last byte in [from, to) that may end a sentence, or
// kNoEnder: 16 bytes at a time, as most of a sentence is words.
size_t last_ender(std::string_view text, size_t from, size_t to) {
#if defined(__SSE2__)
  while (to >= from + 16) {
    if (unsigned bits = enders16(text.data() + to - 16))
      return to - 16 + static_cast<size_t>(31 - __builtin_clz(bits));
    to -= 16;
  }
#endif
  while (to > from)
    if (kEnders[static_cast<unsigned char>(text[--to])]) return to;
  return kNoEnder;
}

// The position of the first byte in [from, to) that may end a sentence, or kNoEnder.
size_t next_ender(std::string_view text, size_t from, size_t to) {
#if defined(__SSE2__)
  for (; from + 16 <= to; from += 16)
    if (unsigned bits = enders16(text.data() + from))
      return from + static_cast<size_t>(__builtin_ctz(bits));
#endif
  for (; from < to; ++from)
    if (kEnders[static_cast<unsigned char>(text[from])]) return from;
  return kNoEnder;
}

}  // namespace

Span sentence_around(std::string_view text, uint64_t pos, size_t reach) {
  if (text.empty()) return {0, 0};
  pos = std::min<uint64_t>(pos, text.size() - 1);
  size_t start = pos > reach ? pos - reach : 0, next = 0;
  // A line break bounds the search: look for it first, with memrchr.
  if (const void* nl = memrchr(text.data() + start, '\n', pos - start))
    start = static_cast<size_t>(static_cast<const char*>(nl) - text.data());
  for (size_t i = last_ender(text, start, pos); i != kNoEnder; i = last_ender(text, start, i)) {
    if (ends_sentence(text, i, next) && next <= pos) {
      start = next;
      break;
    }
  }
  size_t end = std::min(text.size(), static_cast<size_t>(pos) + reach);
  if (const void* nl = std::memchr(text.data() + pos, '\n', end - pos))
    end = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
  for (size_t i = next_ender(text, pos, end); i != kNoEnder; i = next_ender(text, i + 1, end)) {
    if (ends_sentence(text, i, next)) {
      end = text[i] == '\n' ? i : i + 1;
      break;
    }
  }
  return trimmed(text, start, std::max(end, start));
}

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> out;
  size_t start = 0, next = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!ends_sentence(text, i, next)) continue;
    Span s = trimmed(text, start, text[i] == '\n' ? i : i + 1);
    if (s.end > s.start) out.push_back(s);
    start = next;
    i = next - 1;
  }
  Span last = trimmed(text, start, text.size());
  if (last.end > last.start) out.push_back(last);
  return out;
}

size_t sentence_index(const std::vector<Span>& sentences, uint64_t pos) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                             [](uint64_t p, const Span& s) { return p < s.start; });
  return it == sentences.begin() ? 0 : static_cast<size_t>(it - sentences.begin() - 1);
}

std::string printable_sentence(std::string_view sentence, size_t focus, size_t max_bytes) {
  std::string_view window = sentence;
  bool cut_front = false, cut_back = false;
  if (window.size() > max_bytes) {
    size_t from = focus > max_bytes / 2 ? focus - max_bytes / 2 : 0;
    from = std::min(from, window.size() - max_bytes);
    size_t to = utf8_cut_before(window, from + max_bytes);
    from = utf8_cut_before(window, from);
    cut_front = from > 0;
    cut_back = to < window.size();
    window = window.substr(from, to - from);
  }
  std::string folded(window.size() + 8, '\0');
  size_t n = 0;
  auto put = [&](std::string_view s) {
    std::memcpy(folded.data() + n, s.data(), s.size());
    n += s.size();
  };
  if (cut_front) put("\u2026 ");
  bool space = false;
  for (char c : window) {
    if (is_space(c) || c == '\n' || c == '\0') {
      space = n > 0;
      continue;
    }
    if (space) folded[n++] = ' ';
    space = false;
    folded[n++] = c;
  }
  if (cut_back) {
    folded.resize(std::max(folded.size(), n + 8));
    put(" \u2026");
  }
  folded.resize(n);
  if (!is_valid_utf8(folded)) return repair_utf8(folded);
  return folded;  // moved: the conditional operator would have copied it
}

}  // namespace osprey::text
