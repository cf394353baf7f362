// IP addresses, networks, MAC addresses and AS numbers.
#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "osprey/observables/validators.h"
#include "osprey/text/sentences.h"

namespace osprey::observables {
namespace {

// Words that make a dotted quad a version or section number, not an address,
// when they stand among the three words before it ("version 1.2.3.4",
// "Affected releases are 8.0.0.0", "reports its build as 3.2.1.9").
const std::vector<std::string_view> kVersionCues = {
    "version", "versions", "ver",     "v",        "release", "releases", "released", "build",
    "builds",  "patch",    "patched", "firmware", "fixed",   "affected", "rev",      "revision",
    "section", "chapter",  "figure",  "clause",   "oid",     "kb",       "fix",      "fixes"};
// Words that join two versions into a range ("8.0.0.0 through 8.6.3.11").
const std::vector<std::string_view> kRangeWords = {"through", "to", "and", "or", "until", "-"};

// Parses a dotted quad; leading zeros are tolerated ("010" is 10).
std::optional<uint32_t> parse_ipv4(std::string_view s) {
  uint32_t address = 0;
  int parts = 0;
  size_t i = 0;
  while (parts < 4) {
    size_t start = i;
    unsigned octet = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < 3)
      octet = octet * 10 + unsigned(s[i++] - '0');
    if (i == start || octet > 255) return std::nullopt;
    address = (address << 8) | octet;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  return address;
}

std::string format_ipv4(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
         std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

bool in_net(uint32_t a, uint32_t net, int len) {
  uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
  return (a & mask) == (net & mask);
}
constexpr uint32_t ip(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// A dotted quad must stand alone: not inside a longer dotted number (OIDs,
// "1.2.3.4.5"), not glued to letters, and not introduced as a version.
bool ipv4_stands_alone(const ScanContext& ctx, Candidate c) {
  char before = ctx.at(static_cast<int64_t>(c.from) - 1),
       after = ctx.at(static_cast<int64_t>(c.to));
  if (is_alnum(before) || is_alnum(after) || after == '_') return false;
  if (before == '.' && is_digit(ctx.at(static_cast<int64_t>(c.from) - 2))) return false;
  if (after == '.' && is_digit(ctx.at(static_cast<int64_t>(c.to) + 1))) return false;
  if (before == '-' && is_alnum(ctx.at(static_cast<int64_t>(c.from) - 2))) return false;
  return true;
}

struct Word {
  std::string text;  // lowercase, without surrounding punctuation
  uint64_t from;     // position in the scanned text
};

// The words before `pos` on its line, nearest first (at most `n`).
std::vector<Word> words_before(const ScanContext& ctx, uint64_t pos, size_t n) {
  std::string_view line = ctx.line_before(pos, 80);
  uint64_t base = pos - line.size();
  std::vector<Word> words;
  size_t end = line.size();
  while (words.size() < n && end > 0) {
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
    size_t start = end;
    while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t') --start;
    if (start == end) break;
    std::string_view w = line.substr(start, end - start);
    size_t skip = 0;
    while (skip < w.size() && !is_alnum(w[skip]) && w[skip] != '-') ++skip;
    w.remove_prefix(skip);
    while (!w.empty() && !is_alnum(w.back()) && w.back() != '-') w.remove_suffix(1);
    words.push_back({lowercase(w), base + start + skip});
    end = start;
  }
  return words;
}

bool dotted_number(std::string_view word) {
  return word.size() >= 3 && word.find('.') != std::string_view::npos &&
         std::all_of(word.begin(), word.end(), [](char c) { return is_digit(c) || c == '.'; });
}

bool introduced_as_version(const ScanContext& ctx, Candidate c, int depth = 0) {
  std::vector<Word> before = words_before(ctx, c.from, 3);
  for (const Word& w : before) {
    if (std::find(kVersionCues.begin(), kVersionCues.end(), w.text) != kVersionCues.end())
      return true;
    if (w.text.ends_with("version")) return true;  // "FileVersion: 1.0.4.22"
  }
  // The far end of a range or list of versions ("8.0.0.0 through 8.6.3.11"):
  // a version if the number it is joined to is one.
  if (depth < 3 && before.size() >= 2 &&
      std::find(kRangeWords.begin(), kRangeWords.end(), before[0].text) != kRangeWords.end() &&
      dotted_number(before[1].text) &&
      introduced_as_version(ctx, {before[1].from, before[1].from + before[1].text.size()},
                            depth + 1))
    return true;
  std::string after = lowercase(ctx.line_after(c.to, 16));
  for (std::string_view follower : {" build", " release", " version", " through ", " and later",
                                    " or later", " and earlier", " or earlier"})
    if (after.starts_with(follower)) return true;
  // A product token: "Chrome/120.0.0.0" (but not "http://10.0.0.1").
  return ctx.at(static_cast<int64_t>(c.from) - 1) == '/' &&
         is_alnum(ctx.at(static_cast<int64_t>(c.from) - 2));
}

// "15.42.18.204 local time": a dotted time of day (hours ≤ 23, minutes and
// seconds ≤ 59, then milliseconds) in a sentence that speaks of time.
bool dotted_time(const ScanContext& ctx, Candidate c, uint32_t address) {
  if ((address >> 24) > 23 || ((address >> 16) & 255) > 59 || ((address >> 8) & 255) > 59)
    return false;
  Span sentence = text::sentence_around(ctx.text, c.from);
  std::string words = lowercase(ctx.text.substr(sentence.start, sentence.end - sentence.start));
  for (std::string_view cue : {"timestamp", "local time", "utc", "gmt"})
    if (words.find(cue) != std::string::npos) return true;
  std::string after = lowercase(ctx.line_after(c.to, 4));
  bool meridiem = after.starts_with(" am") || after.starts_with(" pm") ||
                  after.starts_with(" a.m") || after.starts_with(" p.m");
  return meridiem && (after.size() == 3 || !is_alpha(after[3]));
}

}  // namespace

std::vector<std::string> ipv4_flags(uint32_t a) {
  struct Range {
    uint32_t net;
    int len;
    const char* flag;
  };
  static const Range kRanges[] = {
      {ip(0, 0, 0, 0), 8, "unspecified"},         {ip(10, 0, 0, 0), 8, "private"},
      {ip(100, 64, 0, 0), 10, "shared"},          {ip(127, 0, 0, 0), 8, "loopback"},
      {ip(169, 254, 0, 0), 16, "link-local"},     {ip(172, 16, 0, 0), 12, "private"},
      {ip(192, 0, 0, 0), 24, "reserved"},         {ip(192, 0, 2, 0), 24, "documentation"},
      {ip(192, 168, 0, 0), 16, "private"},        {ip(198, 18, 0, 0), 15, "benchmarking"},
      {ip(198, 51, 100, 0), 24, "documentation"}, {ip(203, 0, 113, 0), 24, "documentation"},
      {ip(224, 0, 0, 0), 4, "multicast"},         {ip(240, 0, 0, 0), 4, "reserved"},
  };
  std::vector<std::string> flags;
  for (const Range& r : kRanges)
    if (in_net(a, r.net, r.len)) flags.emplace_back(r.flag);
  if (a == 0xFFFFFFFFu) flags.emplace_back("broadcast");
  return flags;
}

std::vector<std::string> ipv6_flags(const unsigned char (&b)[16]) {
  static const unsigned char kZero[16] = {};
  std::vector<std::string> flags;
  bool first15_zero = std::memcmp(b, kZero, 15) == 0;
  if (first15_zero && b[15] == 0) flags.emplace_back("unspecified");
  if (first15_zero && b[15] == 1) flags.emplace_back("loopback");
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) flags.emplace_back("link-local");
  if ((b[0] & 0xfe) == 0xfc) flags.emplace_back("private");  // unique local, RFC 4193
  if (b[0] == 0xff) flags.emplace_back("multicast");
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
    flags.emplace_back("documentation");
  if (std::memcmp(b, kZero, 10) == 0 && b[10] == 0xff && b[11] == 0xff)
    flags.emplace_back("ipv4-mapped");
  return flags;
}

std::optional<Accepted> validate_ipv4(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, ".");
  if (!ipv4_stands_alone(ctx, c) || introduced_as_version(ctx, c)) return std::nullopt;
  auto address = parse_ipv4(ctx.text.substr(c.from, c.to - c.from));
  if (!address || dotted_time(ctx, c, *address)) return std::nullopt;
  Accepted a{
      format_ipv4(*address), c.from, c.to, ipv4_flags(*address), {}, "ipv4: dotted quad", 0, 0, {}};
  if (ctx.at(static_cast<int64_t>(c.to)) == ':' && is_digit(ctx.at(static_cast<int64_t>(c.to) + 1)))
    a.flags.emplace_back("port");
  return a;
}

std::optional<Accepted> validate_ipv6(const ScanContext& ctx, Candidate c) {
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  // Drop a zone ("%eth0"): the address alone is the indicator.
  size_t zone = s.find('%');
  uint64_t end = zone == std::string_view::npos ? c.to : c.from + zone;
  Candidate a = trim(ctx.text, {c.from, end}, ".");
  // A single colon at either end belongs to the prose ("address: …", "…:").
  if (a.to - a.from >= 2 && ctx.text[a.to - 1] == ':' && ctx.text[a.to - 2] != ':') --a.to;
  if (a.to - a.from >= 2 && ctx.text[a.from] == ':' && ctx.text[a.from + 1] != ':') ++a.from;
  if (a.to - a.from < 2 || a.to - a.from > 45) return std::nullopt;
  // A bare "::" in prose is C++ or Perl, not the unspecified address (but
  // "::/0" is the default route).
  if (std::none_of(ctx.text.begin() + static_cast<long>(a.from),
                   ctx.text.begin() + static_cast<long>(a.to), is_hex) &&
      ctx.at(static_cast<int64_t>(a.to)) != '/')
    return std::nullopt;
  if (zone != std::string_view::npos && a.to == end) a.to = c.to;  // keep the zone in the span
  std::string_view address = ctx.text.substr(a.from, std::min(a.to, end) - a.from);
  char before = ctx.at(static_cast<int64_t>(a.from) - 1),
       after = ctx.at(static_cast<int64_t>(a.to));
  if (is_alnum(before) || before == '_' || is_alnum(after) || after == '_') return std::nullopt;
  // inet_pton decides: times ("12:30:45") and MAC addresses are not addresses.
  std::string text(address);
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return std::nullopt;
  char canonical[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, bytes, canonical, sizeof canonical)) return std::nullopt;
  Accepted result{canonical, a.from, a.to, ipv6_flags(bytes), {}, "ipv6: inet_pton", 0, 0, {}};
  if (zone != std::string_view::npos && a.to == c.to) result.flags.emplace_back("zone");
  return result;
}

std::optional<Accepted> validate_cidr(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, "./");  // a leading "::" belongs to an IPv6 network
  if (c.to > c.from && ctx.text[c.to - 1] == ':') --c.to;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  size_t slash = s.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  int length = -1;
  std::string_view len_text = s.substr(slash + 1);
  auto [ptr, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
  if (ec != std::errc() || ptr != len_text.data() + len_text.size()) return std::nullopt;
  if (is_digit(ctx.at(static_cast<int64_t>(c.to))) || ctx.at(static_cast<int64_t>(c.to)) == '/')
    return std::nullopt;
  Candidate address{c.from, c.from + slash};
  std::optional<Accepted> ip = s.find(':') == std::string_view::npos ? validate_ipv4(ctx, address)
                                                                     : validate_ipv6(ctx, address);
  if (!ip || ip->to != address.to) return std::nullopt;
  bool v6 = ip->value.find(':') != std::string::npos;
  if (length < 0 || length > (v6 ? 128 : 32)) return std::nullopt;
  ip->value += "/" + std::to_string(length);
  ip->to = c.to;
  ip->rule = "cidr: address/prefix";
  std::erase(ip->flags, "port");
  return ip;
}

std::optional<Accepted> validate_mac(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, ".:-");
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  // Six octets with one separator throughout, or Cisco's three dotted quads.
  bool separated = s.size() == 17 && (s[2] == ':' || s[2] == '-');
  bool dotted = s.size() == 14 && s[4] == '.' && s[9] == '.';
  if (!separated && !dotted) return std::nullopt;
  std::string hex;
  for (size_t i = 0; i < s.size(); ++i) {
    bool sep_position = separated ? i % 3 == 2 : (i == 4 || i == 9);
    if (sep_position ? s[i] != (separated ? s[2] : '.') : !is_hex(s[i])) return std::nullopt;
    if (!sep_position) hex += to_lower(s[i]);
  }
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string value;
  for (size_t i = 0; i < 12; i += 2) {
    if (i) value += ':';
    value += hex.substr(i, 2);
  }
  Accepted a{value, c.from, c.to, {}, {}, "mac: six octets", 0, 0, {}};
  unsigned first = static_cast<unsigned>(std::stoul(hex.substr(0, 2), nullptr, 16));
  if (hex == "ffffffffffff")
    a.flags.emplace_back("broadcast");
  else if (first & 1)
    a.flags.emplace_back("multicast");
  if ((first & 2) && hex != "ffffffffffff") a.flags.emplace_back("locally-administered");
  return a;
}

std::optional<Accepted> validate_asn(const ScanContext& ctx, Candidate c) {
  if (!alnum_bounded(ctx, c)) return std::nullopt;
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  for (std::string_view prefix : {"ASN ", "ASN", "AS"}) {
    if (!s.starts_with(prefix)) continue;
    std::string_view digits = s.substr(prefix.size());
    uint64_t number = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
    if (number == 0 || number > 4294967295ULL || digits[0] == '0') return std::nullopt;
    Accepted a{"AS" + std::to_string(number), c.from, c.to, {}, {}, "asn: AS prefix", 0, 0, {}};
    if ((number >= 64512 && number <= 65534) ||
        (number >= 4200000000ULL && number <= 4294967294ULL))
      a.flags.emplace_back("private");
    if ((number >= 64496 && number <= 64511) || (number >= 65536 && number <= 65551))
      a.flags.emplace_back("documentation");
    return a;
  }
  return std::nullopt;
}

}  // namespace osprey::observables
