// Extents: from the end of a pattern match to the whole token around it.
#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

constexpr CharClass kSchemeChars{"a-z0-9+.-"};
// Bytes a URL may hold in running text: anything but white space, controls,
// and the delimiters RFC 3986 excludes (<>"`{}|\^) or prose wraps URLs in (').
constexpr CharClass kUrlStop{" \t\r\n\v\f<>\"'`{}|\\^"};
constexpr CharClass kLabelChars{"a-z0-9_.-"};
constexpr CharClass kHexColonDot{"0-9a-f:."};
constexpr CharClass kZoneChars{"a-z0-9"};
constexpr CharClass kRootChars{"a-z_:"};
constexpr CharClass kKeyStop{" \t\r\n\v\f\"'<>|"};

// Length of a UTF-8 letter sequence starting at i (0 if none). Letters are
// the two-, three- and four-byte sequences outside the punctuation and
// symbol blocks (Latin-1 punctuation C2, General Punctuation and symbols E2,
// CJK punctuation E3 80, full-width forms and specials EF).
size_t utf8_letter(std::string_view s, size_t i) {
  auto b = [&](size_t k) -> unsigned {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0;
  };
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  unsigned lead = b(i);
  if (lead >= 0xC3 && lead <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (lead == 0xE2 || lead == 0xEF || lead < 0xE0 || lead > 0xF4) {
    return 0;
  }
  if (lead <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (lead == 0xE3 && b(i + 1) == 0x80) return 0;
    if (lead == 0xED && b(i + 1) > 0x9F) return 0;
    if (lead == 0xE0 && b(i + 1) < 0xA0) return 0;
    return 3;
  }
  if (lead == 0xF0 && b(i + 1) < 0x90) return 0;
  return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
}

// Length of the host-name character (ASCII label byte or UTF-8 letter) that
// ends just before `i`, or 0.
size_t host_char_before(std::string_view s, size_t i) {
  if (i == 0) return 0;
  if (kLabelChars(s[i - 1])) return 1;
  for (size_t len = 2; len <= 4 && len <= i; ++len)
    if (utf8_letter(s, i - len) == len) return len;
  return 0;
}

size_t host_char_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (kLabelChars(s[i])) return 1;
  return utf8_letter(s, i);
}

}  // namespace

Candidate extent_url(std::string_view text, uint64_t end) {
  // The match ends after "://": the scheme lies before it.
  uint64_t from = end >= 3 ? end - 3 : 0;
  while (from > 0 && kSchemeChars(text[from - 1]) && end - from < 24) --from;
  uint64_t to = end;
  while (to < text.size() && !kUrlStop(text[to]) && static_cast<unsigned char>(text[to]) >= 0x20 &&
         to - from < 4096)
    ++to;
  return {from, to};
}

Candidate extent_domain(std::string_view text, uint64_t end) {
  // A match may end on the lead byte of a UTF-8 letter: finish the letter.
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  uint64_t from = end;
  while (end - from < 512) {
    size_t len = host_char_before(text, from);
    if (len == 0) break;
    from -= len;
  }
  uint64_t to = end;
  while (to - from < 512) {
    size_t len = host_char_at(text, to);
    if (len == 0) break;
    to += len;
  }
  return {from, to};
}

Candidate extent_ipv6(std::string_view text, uint64_t end) {
  Candidate c = run_around(text, end, kHexColonDot, 64);
  if (c.to < text.size() && text[c.to] == '%') {  // zone: fe80::1%eth0
    uint64_t zone = c.to + 1;
    while (zone < text.size() && kZoneChars(text[zone]) && zone - c.to < 16) ++zone;
    if (zone > c.to + 1) c.to = zone;
  }
  return c;
}

Candidate extent_asn(std::string_view text, uint64_t end) {
  Candidate digits = run_around(text, end, kAlnumChars, 16);
  uint64_t from = digits.from;
  // "ASN 13335": the prefix is a word of its own.
  if (from >= 4 && text[from - 1] == ' ' && text.substr(from - 4, 3) == "ASN") from -= 4;
  return {from, digits.to};
}

Candidate extent_registry_key(std::string_view text, uint64_t end) {
  // The match ends after the hive and its backslash: "HKLM\", "HKEY_USERS:\".
  uint64_t from = end - 1;
  while (from > 0 && kRootChars(text[from - 1]) && end - from < 24) --from;
  uint64_t to = end;
  while (to < text.size() && to - from < 1024) {
    if (!kKeyStop(text[to])) {
      ++to;
      continue;
    }
    // A space inside a key ("Windows NT\CurrentVersion") only when a
    // backslash follows in the next word.
    if (text[to] != ' ') break;
    uint64_t word = to + 1;
    while (word < text.size() && !kKeyStop(text[word]) && text[word] != '\\') ++word;
    if (word >= text.size() || text[word] != '\\' || word == to + 1) break;
    to = word;
  }
  return {from, to};
}

Candidate extent_at_end(std::string_view, uint64_t end) {
  return {end, end};
}

}  // namespace osprey::observables
