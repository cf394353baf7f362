#include "osprey/text/defang_sites.h"


#if defined(__SSE2__)
#include <emmintrin.h>
#include <xmmintrin.h>
#endif

#include "osprey/text/ascii.h"
#include "osprey/text/utf8.h"

namespace osprey::text {

const std::array<const char*, kDefangRuleCount> kDefangRulePatterns = {
    R"(\b(?:hxxp|hxxxp|hxp|h\*\*p|h__p|hxtp|htxp|fxp)s?\b)",
    R"(\[://\]|\(://\)|\{://\}|\[:/\]/|:\[//\])",
    R"(\[:\]|\(:\)|\{:\})",
    R"(\[/\]|\(/\))",
    R"([ \t]?(?:\[\s?\.\s?\]|\(\.\)|\{\.\}|\[\s?dot\s?\]|\(\s?dot\s?\)|\{dot\})[ \t]?)",
    R"([ \t]?(?:\[@\]|\(@\)|\{@\}|\[\s?at\s?\]|\(\s?at\s?\)|\{at\})[ \t]?)",
    R"(\\\.)",
    R"([ \t]\.[ \t])",
    R"([ \t]dot[ \t])",
    R"(\xEF\xBC\x8E|\xEF\xBD\xA1|\xE3\x80\x82|\xE2\x80\xA4)",
    R"(\xEF\xBC\x8F|\xE2\x88\x95|\xE2\x81\x84)",
    R"(\xEF\xBC\x9A)",
    R"(\xEF\xBC\xA0)",
    R"(\xE2\x80[\x8B-\x8D]|\xE2\x81\xA0|\xEF\xBB\xBF|\xC2\xAD)",
    R"(\[[a-z0-9][a-z0-9.-]*\.[a-z0-9-]+\])",
    R"(\xE2\x80[\x90-\x95])",
};

namespace {

constexpr size_t kNone = ~size_t{0};

class Finder {
 public:
  Finder(std::string_view text, std::vector<PatternMatch>& sites)
      : s_(text), sites_(sites) {}

  // The sites that hang on the trigger byte at t.
  void at_ascii(size_t t) {
    switch (s_[t]) {
      case '[':
      case '(':
      case '{':
        brackets(t);
        break;
      case ':':
        scheme_before(t);
        break;
      case '\\':
        if (byte(t + 1) == '.') add(kRuleBackslashDot, t, t + 2);
        break;
      case '.':
        if (hspace(byte(t + 1))) add(kRuleSpacedDot, t - 1, t + 2);
        break;
      default:  // 'd' or 'D' after a space
        if (same(t, "dot") && hspace(byte(t + 3))) add(kRuleSpacedWordDot, t - 1, t + 4);
        break;
    }
  }

  // The sites of the well-formed sequence of `length` bytes at t.
  void at_sequence(size_t t, size_t length) {
    unsigned a = byte(t), b = byte(t + 1), c = byte(t + 2);
    if (length == 2) {
      if (a == 0xC2 && b == 0xAD) add(kRuleInvisible, t, t + 2);
      return;
    }
    if (length != 3) return;
    unsigned code = a << 16 | b << 8 | c;
    switch (code) {
      case 0xEFBC8E:
      case 0xEFBDA1:
      case 0xE38082:
      case 0xE280A4:
        return add(kRuleUnicodeDot, t, t + 3);
      case 0xEFBC8F:
      case 0xE28895:
      case 0xE28184:
        return add(kRuleUnicodeSlash, t, t + 3);
      case 0xEFBC9A:
        return add(kRuleUnicodeColon, t, t + 3);
      case 0xEFBCA0:
        return add(kRuleUnicodeAt, t, t + 3);
      case 0xE281A0:
      case 0xEFBBBF:
        return add(kRuleInvisible, t, t + 3);
      default:
        break;
    }
    if (a == 0xE2 && b == 0x80 && c >= 0x8B && c <= 0x8D) add(kRuleInvisible, t, t + 3);
    if (a == 0xE2 && b == 0x80 && c >= 0x90 && c <= 0x95) add(kRuleUnicodeDash, t, t + 3);
  }

 private:
  static bool hspace(unsigned c) { return c == ' ' || c == '\t'; }
  static bool space(unsigned c) {  // PCRE's \s
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
  static bool word(unsigned c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  static bool host_char(unsigned c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  unsigned byte(size_t i) const { return i < s_.size() ? static_cast<unsigned char>(s_[i]) : 0; }

  // Whether `lower` (lowercase ASCII) is written at i, in any case.
  bool same(size_t i, std::string_view lower) const {
    if (i + lower.size() > s_.size()) return false;
    for (size_t k = 0; k < lower.size(); ++k)
      if (ascii_lower(s_[i + k]) != lower[k]) return false;
    return true;
  }

  void add(unsigned rule, size_t from, size_t to) { sites_.push_back({rule, from, to}); }

  // "hxxp", "fxp", "h**p" … ending just before t (a colon or bracket),
  // with a word boundary before it.
  void scheme_before(size_t t) {
    static constexpr std::array<std::string_view, 16> kSchemes = {
        "hxxps", "hxxxps", "hxps", "h**ps", "h__ps", "hxtps", "htxps", "fxps",
        "hxxp",  "hxxxp",  "hxp",  "h**p",  "h__p",  "hxtp",  "htxp",  "fxp"};
    for (std::string_view scheme : kSchemes) {
      if (t < scheme.size()) continue;
      size_t from = t - scheme.size();
      if (same(from, scheme) && (from == 0 || !word(byte(from - 1)))) {
        add(kRuleScheme, from, t);
        return;
      }
    }
  }

  // The end of `open` [\s?] `inner` [\s?] `close` at t, or kNone; without
  // the optional spaces when `spaced` is false.
  size_t enclosed(size_t t, char close, std::string_view inner, bool spaced) const {
    size_t p = t + 1;
    if (spaced && space(byte(p))) ++p;
    if (!same(p, inner)) return kNone;
    p += inner.size();
    if (spaced && space(byte(p))) ++p;
    return byte(p) == static_cast<unsigned char>(close) ? p + 1 : kNone;
  }

  // A dot or at rule's body ending at `end` (kNone: none), widened by one
  // space or tab on each side.
  void add_widened(unsigned rule, size_t t, size_t end) {
    if (end == kNone) return;
    size_t from = t > 0 && hspace(byte(t - 1)) ? t - 1 : t;
    add(rule, from, hspace(byte(end)) ? end + 1 : end);
  }

  void brackets(size_t t) {
    char open = s_[t];
    char close = open == '[' ? ']' : open == '(' ? ')' : '}';
    bool curly = open == '{';
    scheme_before(t);
    std::string_view rest = s_.substr(t + 1);
    if (rest.starts_with("://") && byte(t + 4) == static_cast<unsigned char>(close))
      add(kRuleSchemeSeparator, t, t + 5);
    if (open == '[' && rest.starts_with(":/]/")) add(kRuleSchemeSeparator, t, t + 5);
    if (open == '[' && t > 0 && s_[t - 1] == ':' && rest.starts_with("//]"))
      add(kRuleSchemeSeparator, t - 1, t + 4);
    if (byte(t + 1) == ':' && byte(t + 2) == static_cast<unsigned char>(close))
      add(kRuleColon, t, t + 3);
    if (!curly && byte(t + 1) == '/' && byte(t + 2) == static_cast<unsigned char>(close))
      add(kRuleSlash, t, t + 3);
    // [.] [ . ] (.) {.} [dot] (dot) {dot}, and the same for @ and "at".
    size_t dot = enclosed(t, close, ".", open == '[');
    if (dot == kNone) dot = enclosed(t, close, "dot", !curly);
    add_widened(kRuleDot, t, dot);
    size_t at = enclosed(t, close, "@", false);
    if (at == kNone) at = enclosed(t, close, "at", !curly);
    add_widened(kRuleAt, t, at);
    if (open == '[') bracketed_host(t);
  }

  // [evil.com]: a host name in brackets, with an inner dot.
  void bracketed_host(size_t t) {
    size_t p = t + 1;
    if (!host_char(byte(p)) || byte(p) == '-') return;
    size_t q = p + 1, last_dot = kNone;
    for (; q < s_.size() && (host_char(byte(q)) || s_[q] == '.'); ++q)
      if (s_[q] == '.') last_dot = q;
    if (byte(q) == ']' && last_dot != kNone && last_dot + 1 < q) add(kRuleBracketedHost, t, q + 1);
  }

  std::string_view s_;
  std::vector<PatternMatch>& sites_;
};

// Whether the byte at t can carry a site, given the bytes before and after
// it (0 beyond the text): "d" only as the start of " do".
bool is_trigger(unsigned char before, unsigned char c, unsigned char after) {
  if (c >= 0x80 || c == '[' || c == '(' || c == '{' || c == '\\' || c == ':') return true;
  bool spaced = before == ' ' || before == '\t';
  return spaced && (c == '.' || ((c | 0x20) == 'd' && (after | 0x20) == 'o'));
}

#if defined(__SSE2__)
// Bit k is set where the byte at p + k is a trigger, as is_trigger() says,
// for k < 16 (p - 1 and p + 16 must be readable).
unsigned triggers16(const char* p) {
  auto load = [](const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); };
  auto is = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  const __m128i fold = _mm_set1_epi8(0x20);
  __m128i before = load(p - 1), c = load(p), after = load(p + 1);
  __m128i lower = _mm_or_si128(c, fold);
  __m128i hits = _mm_or_si128(
      _mm_or_si128(is(lower, '{'), is(c, '(')),  // '{' also catches '[' (0x5B | 0x20)
      _mm_or_si128(_mm_or_si128(is(c, '\\'), is(c, ':')),
                   _mm_cmplt_epi8(c, _mm_setzero_si128())));  // bytes >= 0x80
  __m128i spaced = _mm_or_si128(is(before, ' '), is(before, '\t'));
  __m128i word_dot = _mm_and_si128(is(lower, 'd'), is(_mm_or_si128(after, fold), 'o'));
  hits = _mm_or_si128(hits, _mm_and_si128(spaced, _mm_or_si128(is(c, '.'), word_dot)));
  return static_cast<unsigned>(_mm_movemask_epi8(hits));
}
#endif

}  // namespace

void find_defang_sites(std::string_view text, std::vector<PatternMatch>& sites,
                       std::vector<PatternMatch>& invalid) {
  Finder finder(text, sites);
  size_t next = 0;  // bytes before this belong to a sequence already handled
  auto handle = [&](size_t t) {
    if (t < next) return;
    if (static_cast<unsigned char>(text[t]) < 0x80) return finder.at_ascii(t);
    size_t length = utf8_sequence_length(text, t);
    if (length != 0) {
      finder.at_sequence(t, length);
      next = t + length;
      return;
    }
    size_t end = t;
    while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80 &&
           utf8_sequence_length(text, end) == 0)
      ++end;
    invalid.push_back({0, t, end});
    next = end;
  };
  auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0; };
  auto scalar = [&](size_t t) {
    if (is_trigger(t > 0 ? byte(t - 1) : 0, byte(t), byte(t + 1))) handle(t);
  };
  size_t i = 0;
  if (!text.empty()) scalar(i++);
#if defined(__SSE2__)
  for (; i + 33 <= text.size(); i += 32) {
    _mm_prefetch(text.data() + i + 1024, _MM_HINT_T0);  // the text is read from memory once, here
    uint32_t hits = triggers16(text.data() + i) | triggers16(text.data() + i + 16) << 16;
    for (; hits != 0; hits &= hits - 1) handle(i + static_cast<size_t>(__builtin_ctz(hits)));
  }
#endif
  for (; i < text.size(); ++i) scalar(i);
}

}  // namespace osprey::text
