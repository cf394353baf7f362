#include "osprey/text/refang.h"

#include <algorithm>
#include <array>
#include <string>

#include "osprey/text/ascii.h"
#include "osprey/text/defang_sites.h"

namespace osprey::text {
namespace {

char at(std::string_view s, int64_t i) {
  return i >= 0 && static_cast<size_t>(i) < s.size() ? s[static_cast<size_t>(i)] : '\0';
}

// The word of host-label characters that ends just before `pos`, or starts at it.
std::string_view word_before(std::string_view s, size_t pos) {
  size_t b = pos;
  while (b > 0 && (is_ascii_alnum(s[b - 1]) || s[b - 1] == '-')) --b;
  return s.substr(b, pos - b);
}
std::string_view word_after(std::string_view s, size_t pos) {
  size_t e = pos;
  while (e < s.size() && (is_ascii_alnum(s[e]) || s[e] == '-')) ++e;
  return s.substr(pos, e - pos);
}

// Neighbours of a separator must be characters of an indicator.
bool between_alnum(std::string_view s, size_t from, size_t to) {
  return is_ascii_alnum(at(s, static_cast<int64_t>(from) - 1)) &&
         is_ascii_alnum(at(s, static_cast<int64_t>(to)));
}

// Decides from the surrounding text whether a match really is a defang.
using Guard = bool (*)(std::string_view text, size_t from, size_t to);
// Computes the replacement when it depends on the match.
using Compute = std::string (*)(std::string_view text, size_t from, size_t to);

// One defang convention (its expression is kDefangRulePatterns[id], found by
// find_defang_sites): what it stands for, and optionally a guard that checks
// the context.
struct DefangRule {
  const char* name;
  const char* replacement;  // used when compute is null
  Guard guard;              // null: always a defang
  Compute compute;
  bool defang;  // false: normalisation only, does not make a finding "defanged"
};

bool between_indicator_chars(std::string_view s, size_t from, size_t to) {
  return between_alnum(s, from, to);
}

// Unicode dots join ASCII labels ("evil．com"), or non-ASCII labels when a
// short label follows and ends there ("安全更新。中国 …"): in CJK prose the
// ideographic full stop ends a sentence and the next one runs on unbroken.
bool unicode_dot_guard(std::string_view s, size_t from, size_t to) {
  if (between_alnum(s, from, to)) return true;
  auto byte = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  bool letter_before = from > 0 && byte(from - 1) >= 0x80;
  if (!letter_before || byte(to) < 0x80) return false;
  size_t end = to, chars = 0;
  while (end < s.size() && (byte(end) >= 0x80 || is_ascii_alnum(s[end]))) {
    if ((byte(end) & 0xC0) != 0x80) ++chars;
    ++end;
  }
  return chars <= 4;
}

// hxxp, hxxps, h**p, hxp, fxp … only as a scheme: followed by ':' or a bracket.
bool scheme_guard(std::string_view s, size_t, size_t to) {
  char next = at(s, static_cast<int64_t>(to));
  return next == ':' || next == '[' || next == '(' || next == '{';
}
std::string scheme_compute(std::string_view s, size_t from, size_t to) {
  std::string scheme = ascii_lower(s[from]) == 'f' ? "ftp" : "http";
  return ascii_lower(s[to - 1]) == 's' ? scheme + "s" : scheme;
}

// A host name starts at `pos`: labels with at least one inner dot.
bool host_follows(std::string_view s, size_t pos) {
  size_t end = pos;
  bool dot = false;
  constexpr std::string_view kDefangChars = "-.[](){}\\";
  while (end < s.size() &&
         (is_ascii_alnum(s[end]) || kDefangChars.find(s[end]) != std::string_view::npos)) {
    if (kDefangChars.find(s[end]) != std::string_view::npos && s[end] != '-' &&
        is_ascii_alnum(at(s, static_cast<int64_t>(end) + 1)))
      dot = true;
    ++end;
  }
  return dot;
}

// "john(at)evil.com", not "meet (at) noon": a word before, a host after.
bool at_guard(std::string_view s, size_t from, size_t to) {
  size_t b = from;
  while (b > 0 && s[b - 1] == ' ') --b;
  return is_ascii_alnum(at(s, static_cast<int64_t>(b) - 1)) && host_follows(s, to);
}

// "evil . com": prose puts no space before a full stop, and a capital
// after one starts a sentence ("end . Then" is a typo, not a host).
bool spaced_dot_guard(std::string_view s, size_t from, size_t to) {
  std::string_view right = word_after(s, to);
  bool capitalised =
      !right.empty() && right[0] >= 'A' && right[0] <= 'Z' &&
      std::none_of(right.begin() + 1, right.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return between_alnum(s, from, to) && right.size() >= 2 && !capitalised;
}

// "evil dot com": only before a common TLD or another " dot ", and not after
// an article or adjective ("the dot com bubble").
bool spaced_word_dot_guard(std::string_view s, size_t from, size_t to) {
  static constexpr std::array<std::string_view, 24> kTlds = {
      "com",  "net", "org", "info", "biz", "ru", "cn", "io", "xyz", "top", "online", "site",
      "club", "tk",  "su",  "ir",   "kp",  "co", "me", "cc", "pw",  "ws",  "onion",  "uk"};
  static constexpr std::array<std::string_view, 14> kStop = {"the",   "a",     "an",   "big", "old",
                                                             "early", "first", "of",   "in",  "on",
                                                             "at",    "to",    "this", "that"};
  if (!between_alnum(s, from, to)) return false;
  std::string left(word_before(s, from));
  std::transform(left.begin(), left.end(), left.begin(), ascii_lower);
  if (std::find(kStop.begin(), kStop.end(), left) != kStop.end()) return false;
  std::string_view right = word_after(s, to);
  size_t end_right = to + right.size();
  bool tld = std::find(kTlds.begin(), kTlds.end(), right) != kTlds.end();
  bool chained =
      at(s, static_cast<int64_t>(end_right)) == '.' || s.substr(end_right).starts_with(" dot ");
  return tld || chained;
}

// "hxxp://[evil.com]/x", "user@[mail.evil.com]": brackets around a host.
bool bracketed_host_guard(std::string_view s, size_t from, size_t to) {
  bool after_scheme = from >= 3 && s.substr(from - 3, 3) == "://";
  bool after_at = from >= 1 && s[from - 1] == '@';
  char next = at(s, static_cast<int64_t>(to));
  return after_scheme || after_at || next == '/' || next == ':';
}
std::string bracketed_host_compute(std::string_view s, size_t from, size_t to) {
  return std::string(s.substr(from + 1, to - from - 2));
}

// Unicode dashes between digits or after "CVE": an id pasted from a word processor.
bool dash_guard(std::string_view s, size_t from, size_t to) {
  char before = at(s, static_cast<int64_t>(from) - 1), after = at(s, static_cast<int64_t>(to));
  bool digits = before >= '0' && before <= '9' && after >= '0' && after <= '9';
  return digits || (from >= 3 && ascii_lower(s[from - 3]) == 'c' &&
                    ascii_lower(s[from - 2]) == 'v' && ascii_lower(s[from - 1]) == 'e');
}

const std::array<DefangRule, kDefangRuleCount> kRules = {{
    {"scheme", "", scheme_guard, scheme_compute, true},
    {"scheme-separator", "://", nullptr, nullptr, true},
    {"colon", ":", nullptr, nullptr, true},
    {"slash", "/", nullptr, nullptr, true},
    {"dot", ".", nullptr, nullptr, true},
    {"at", "@", at_guard, nullptr, true},
    {"backslash-dot", ".", between_indicator_chars, nullptr, true},
    {"spaced-dot", ".", spaced_dot_guard, nullptr, true},
    {"spaced-word-dot", ".", spaced_word_dot_guard, nullptr, true},
    // Full-width, halfwidth-ideographic, ideographic and one-dot-leader dots.
    {"unicode-dot", ".", unicode_dot_guard, nullptr, true},
    {"unicode-slash", "/", nullptr, nullptr, true},
    {"unicode-colon", ":", nullptr, nullptr, true},
    {"unicode-at", "@", nullptr, nullptr, true},
    // Zero-width space/joiners, word joiner, BOM and soft hyphen: invisible.
    {"invisible", "", nullptr, nullptr, true},
    {"bracketed-host", "", bracketed_host_guard, bracketed_host_compute, true},
    {"unicode-dash", "-", dash_guard, nullptr, false},
}};

}  // namespace

Result<Refanger> Refanger::create() {
  return Refanger();
}

MappedText Refanger::refang(std::string_view text) const {
  MappedText out;
  refang_into(text, out);
  return out;
}

void Refanger::refang_into(std::string_view text, MappedText& out) const {
  std::vector<PatternMatch> sites, invalid;
  find_defang_sites(text, sites, invalid);
  refang_sites(text, std::move(sites), invalid, out);
}

void refang_sites(std::string_view text, std::vector<PatternMatch> sites,
                  const std::vector<PatternMatch>& invalid, MappedText& out) {
  std::vector<Rewrite> rewrites;
  rewrites.reserve(invalid.size() + sites.size());
  for (const PatternMatch& run : invalid)
    rewrites.push_back({run.from, run.to, std::string(run.to - run.from, ' '), false});
  // Keep the longest site per rule and start.
  std::sort(sites.begin(), sites.end(), [](const PatternMatch& a, const PatternMatch& b) {
    if (a.from != b.from) return a.from < b.from;
    return a.id != b.id ? a.id < b.id : a.to > b.to;
  });
  for (size_t i = 0; i < sites.size(); ++i) {
    const PatternMatch& h = sites[i];
    if (i > 0 && sites[i - 1].from == h.from && sites[i - 1].id == h.id) continue;
    const DefangRule& r = kRules[h.id];
    if (r.guard && !r.guard(text, h.from, h.to)) continue;
    std::string replacement = r.compute ? r.compute(text, h.from, h.to) : r.replacement;
    rewrites.push_back({h.from, h.to, std::move(replacement), r.defang});
  }
  // Leftmost-longest, non-overlapping.
  std::sort(rewrites.begin(), rewrites.end(), [](const Rewrite& a, const Rewrite& b) {
    return a.from != b.from ? a.from < b.from : a.to > b.to;
  });
  std::vector<Rewrite> kept;
  kept.reserve(rewrites.size());
  for (Rewrite& r : rewrites) {
    if (!kept.empty() && r.from < kept.back().to) continue;
    kept.push_back(std::move(r));
  }
  out.assign(text, kept);
}

std::string refang_string(std::string_view text) {
  static const Result<Refanger> refanger = Refanger::create();
  if (!refanger.ok()) return std::string(text);
  return std::string(refanger.value().refang(text).view());
}

}  // namespace osprey::text
