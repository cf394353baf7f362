// Domains, URLs and e-mail addresses. The Public Suffix List (libpsl, with
// Debian's publicsuffix data) decides what a top-level domain is; libidn2
// converts internationalised names between U-labels and A-labels.
#include <arpa/inet.h>
#include <idn2.h>
#include <libpsl.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

const psl_ctx_t* public_suffixes() {
  // psl_latest picks the newer of the built-in list and the system file.
  static const psl_ctx_t* ctx = [] {
    const psl_ctx_t* latest = psl_latest(nullptr);
    return latest ? latest : psl_builtin();
  }();
  return ctx;
}

// Whether a label is a top-level domain. Texts name few distinct TLDs, so the
// answers are remembered (per thread, bounded).
bool is_tld(const std::string& label) {
  thread_local std::unordered_map<std::string, bool> known;
  if (auto it = known.find(label); it != known.end()) return it->second;
  if (known.size() > 4096) known.clear();
  bool tld =
      psl_is_public_suffix2(public_suffixes(), label.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
  known.emplace(label, tld);
  return tld;
}

struct Hostname {
  std::string ascii;    // lowercase A-label form
  std::string unicode;  // U-label form when the name is internationalised
  std::string tld;      // last label, A-label form
  size_t labels = 0;
};

std::string idn_convert(const std::string& in, bool to_ascii) {
  char* out = nullptr;
  int rc = to_ascii ? idn2_to_ascii_8z(in.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT)
                    : idn2_to_unicode_8z8z(in.c_str(), &out, 0);
  std::string result = rc == IDN2_OK && out ? out : "";
  idn2_free(out);
  return result;
}

// Syntax, IDN conversion and the public-suffix test shared by every host.
std::optional<Hostname> check_hostname(std::string_view host) {
  if (host.size() < 3 || host.size() > 253) return std::nullopt;
  bool ascii = std::all_of(host.begin(), host.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  Hostname h;
  h.ascii = lowercase(host);
  if (!ascii) {
    h.unicode = h.ascii;
    h.ascii = idn_convert(h.unicode, true);
    if (h.ascii.empty()) return std::nullopt;
  }
  size_t start = 0;
  while (start <= h.ascii.size()) {
    size_t dot = h.ascii.find('.', start);
    std::string_view label = std::string_view(h.ascii).substr(
        start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return std::nullopt;
    for (char c : label)
      if (!(is_alnum(c) || c == '-' || c == '_')) return std::nullopt;
    ++h.labels;
    if (dot == std::string::npos) {
      h.tld = std::string(label);
      break;
    }
    start = dot + 1;
  }
  if (h.labels < 2 || h.tld.find('_') != std::string::npos) return std::nullopt;
  // The U-label form, from the A-label: normalised (lowercase, NFC) even when
  // written in capitals.
  if (h.ascii.find("xn--") != std::string::npos) {
    h.unicode = idn_convert(h.ascii, false);
    if (h.unicode.empty()) return std::nullopt;  // invalid punycode
    if (h.unicode == h.ascii) h.unicode.clear();
  }
  if (!is_tld(h.tld)) return std::nullopt;
  if (psl_is_public_suffix2(public_suffixes(), h.ascii.c_str(), PSL_TYPE_ICANN))
    return std::nullopt;  // "co.uk"
  return h;
}

// File extensions that are also top-level domains make "report.zip" a file
// unless the text says it is a host: every extension the filename type
// knows, and these other common ones (Markdown, Rust, video, bundles …).
const std::array<std::string_view, 10> kOtherExtensionTlds = {"md",  "rs", "ps", "pub", "run",
                                                              "app", "cc", "ml", "sc",  "mov"};

bool is_file_extension(std::string_view tld) {
  const auto& known = file_extensions();
  return std::find(known.begin(), known.end(), tld) != known.end() ||
         std::find(kOtherExtensionTlds.begin(), kOtherExtensionTlds.end(), tld) !=
             kOtherExtensionTlds.end();
}

// Schemes a URL may have; the pattern in registry.cpp finds the same.
const std::array<std::string_view, 25> kSchemes = {
    "http", "https", "ftp",  "ftps",  "sftp",   "smb",    "ws",    "wss", "tcp",
    "udp",  "file",  "rdp",  "ssh",   "telnet", "ldap",   "ldaps", "irc", "git",
    "svn",  "tftp",  "rtsp", "socks", "socks4", "socks5", "s3"};

// Programming identifiers that read as domains in code ("self.name", "user.id").
const std::array<std::string_view, 20> kCodeObjects = {
    "self", "this", "user", "obj",  "object", "ctx",  "req",  "res",      "request", "response",
    "args", "os",   "sys",  "data", "config", "item", "node", "document", "window",  "err"};

// Technology names written like domains ("ASP.NET Core").
const std::array<std::string_view, 3> kTechnologyNames = {"asp.net", "vb.net", "ado.net"};

const std::vector<std::string_view> kHostCues = {
    "domain", "host",   "c2",      "c&c",     "dns",      "resolv", "url",      "website",  "site",
    "server", "beacon", "connect", "contact", "phishing", "lure",   "register", "callback", "ioc"};

bool host_context(const ScanContext& ctx, Candidate c) {
  if (ctx.defanged(c.from, c.to)) return true;
  std::string_view before = ctx.line_before(c.from, 64);
  if (before.ends_with("://") || before.ends_with("@")) return true;
  return mentions_any(before, kHostCues);
}

// Unicode punctuation that ends a URL written in prose: quotes, dashes, the
// ellipsis, no-break space, guillemets, CJK and full-width punctuation.
size_t unicode_punctuation_at(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
  if (b(i) == 0xE2 && b(i + 1) == 0x80) return 3;
  if (b(i) == 0xC2 && (b(i + 1) == 0xA0 || b(i + 1) == 0xAB || b(i + 1) == 0xBB)) return 2;
  if (b(i) == 0xE3 && b(i + 1) == 0x80) return 3;
  if (b(i) == 0xEF && b(i + 1) == 0xBC) return 3;
  return 0;
}

}  // namespace

std::optional<Accepted> validate_domain(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, "-._");
  if (c.to <= c.from) return std::nullopt;
  char before = ctx.at(static_cast<int64_t>(c.from) - 1),
       after = ctx.at(static_cast<int64_t>(c.to));
  if (is_alnum(before) || is_alnum(after) || after == '@') return std::nullopt;
  std::string_view written = ctx.text.substr(c.from, c.to - c.from);
  auto host = check_hostname(written);
  if (!host) return std::nullopt;
  Accepted a{host->ascii, c.from, c.to, {}, host->unicode, "domain: labels + public-suffix TLD",
             0,           0,      {}};
  bool defanged = ctx.defanged(c.from, c.to);
  std::string_view tld_written = written.substr(written.rfind('.') + 1);

  if (is_file_extension(host->tld)) {
    if (!host_context(ctx, c)) return std::nullopt;  // a file name; the filename rule reports it
    a.note += "; ." + host->tld + " is also a file extension, host context decided";
  }
  // "available.It", "March.It": a sentence whose space after the full stop
  // was lost. "Socket.IO", "Ledgerly.AI": brand names styled like domains.
  // Hosts are written in lowercase or all in capitals; mixed case is only
  // usual with the classic TLDs ("Evil.Com", "EVIL-Domain.COM").
  static constexpr std::array<std::string_view, 9> kClassicTlds = {
      "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz"};
  std::string_view sld_written = written.substr(0, written.size() - tld_written.size() - 1);
  auto not_lower = [](char ch) { return !(ch >= 'a' && ch <= 'z'); };
  auto lower = [](char ch) { return !(ch >= 'A' && ch <= 'Z'); };
  bool classic =
      std::find(kClassicTlds.begin(), kClassicTlds.end(), host->tld) != kClassicTlds.end();
  bool sld_lower = std::all_of(sld_written.begin(), sld_written.end(), lower);
  bool capitalised_tld = tld_written.size() >= 2 && tld_written[0] >= 'A' &&
                         tld_written[0] <= 'Z' &&
                         std::all_of(tld_written.begin() + 1, tld_written.end(), lower);
  bool upper_tld = std::all_of(tld_written.begin(), tld_written.end(), not_lower);
  bool sld_upper = std::all_of(sld_written.begin(), sld_written.end(), not_lower);
  bool joined = capitalised_tld && (sld_lower || !classic);
  bool brand = upper_tld && !sld_upper && !classic;
  if ((joined || brand) && !host_context(ctx, c)) return std::nullopt;
  if (!defanged &&
      std::find(kTechnologyNames.begin(), kTechnologyNames.end(), host->ascii) !=
          kTechnologyNames.end() &&
      written != host->ascii)
    return std::nullopt;
  std::string first_label = host->ascii.substr(0, host->ascii.find('.'));
  if (host->labels == 2 && !defanged &&
      std::find(kCodeObjects.begin(), kCodeObjects.end(), first_label) != kCodeObjects.end())
    return std::nullopt;
  if (defanged) a.note += "; written defanged";
  return a;
}

std::optional<Accepted> validate_url(const ScanContext& ctx, Candidate c) {
  std::string_view s = ctx.text;
  // The extent may have taken characters before the scheme ("1.https://"):
  // the URL starts where a known scheme does.
  size_t sep_at = s.find("://", c.from);
  if (sep_at == std::string_view::npos || sep_at >= c.to) return std::nullopt;
  while (c.from < sep_at &&
         std::find(kSchemes.begin(), kSchemes.end(),
                   lowercase(s.substr(c.from, sep_at - c.from))) == kSchemes.end())
    ++c.from;
  if (c.from == sep_at || is_alnum(ctx.at(static_cast<int64_t>(c.from) - 1))) return std::nullopt;
  for (uint64_t i = c.from; i < c.to; ++i) {
    if (unicode_punctuation_at(s, i)) {
      c.to = i;
      break;
    }
  }
  // Trailing punctuation belongs to the sentence, and a closing bracket to the
  // prose unless the URL opened it.
  while (c.to > c.from) {
    char last = s[c.to - 1];
    std::string_view body = s.substr(c.from, c.to - c.from);
    auto unbalanced = [&](char open, char close) {
      return last == close && std::count(body.begin(), body.end(), open) <
                                  std::count(body.begin(), body.end(), close);
    };
    if (std::string_view(".,;:!?'\"*").find(last) != std::string_view::npos ||
        unbalanced('(', ')') || unbalanced('[', ']') || unbalanced('{', '}') || last == '>')
      --c.to;
    else
      break;
  }
  std::string_view url = s.substr(c.from, c.to - c.from);
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  size_t authority_end = url.find_first_of("/?#", sep + 3);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  std::string_view authority = url.substr(sep + 3, authority_end - sep - 3);
  size_t at = authority.rfind('@');
  size_t host_start = at == std::string_view::npos ? 0 : at + 1;
  std::string_view hostport = authority.substr(host_start);
  std::string_view host = hostport;
  std::string_view port;
  std::string canonical_host;
  if (hostport.starts_with('[')) {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = hostport.substr(1, close - 1);
    port = hostport.substr(close + 1);
    std::string text(host);
    unsigned char bytes[16];
    if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return std::nullopt;
  } else {
    size_t colon = hostport.find(':');
    host = hostport.substr(0, colon);
    port = colon == std::string_view::npos ? std::string_view{} : hostport.substr(colon);
    if (host.ends_with('.')) host.remove_suffix(1);  // a fully qualified "evil.com."
    std::string text(host);
    in_addr v4;
    if (inet_pton(AF_INET, text.c_str(), &v4) != 1) {
      auto name = check_hostname(host);
      if (!name) return std::nullopt;
      canonical_host = name->ascii;  // internationalised hosts in A-label form
    }
  }
  if (!port.empty()) {
    if (port[0] != ':' || port.size() > 6) return std::nullopt;
    unsigned number = 0;
    auto [ptr, ec] = std::from_chars(port.data() + 1, port.data() + port.size(), number);
    if (port.size() > 1 &&
        (ec != std::errc() || ptr != port.data() + port.size() || number > 65535))
      return std::nullopt;
  }
  Accepted a;
  if (canonical_host.empty())
    canonical_host = lowercase(hostport.substr(0, hostport.size() - port.size()));
  a.value = lowercase(url.substr(0, sep + 3)) + std::string(authority.substr(0, host_start)) +
            canonical_host + std::string(port) + std::string(url.substr(authority_end));
  a.from = c.from;
  a.to = c.to;
  a.host_from = c.from + sep + 3 + host_start + (hostport.starts_with('[') ? 1 : 0);
  a.host_to = a.host_from + host.size();
  a.rule = "url: scheme://host";
  return a;
}

std::optional<Accepted> validate_email(const ScanContext& ctx, Candidate c) {
  c = trim(ctx.text, c, ".-_");
  std::string_view s = ctx.text.substr(c.from, c.to - c.from);
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return std::nullopt;
  std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.find("..") != std::string_view::npos) return std::nullopt;
  if (is_alnum(ctx.at(static_cast<int64_t>(c.from) - 1))) return std::nullopt;
  // "ftp://user@host" holds credentials, not an address: look back over the token.
  std::string_view token = ctx.line_before(c.from, 256);
  token = token.substr(token.find_last_of(" \t\"'<>(") == std::string_view::npos
                           ? 0
                           : token.find_last_of(" \t\"'<>(") + 1);
  if (token.find("://") != std::string_view::npos) return std::nullopt;
  if (is_alnum(ctx.at(static_cast<int64_t>(c.to)))) return std::nullopt;
  auto host = check_hostname(domain);
  if (!host) return std::nullopt;
  Accepted a{
      lowercase(local) + "@" + host->ascii, c.from, c.to, {}, {}, "email: local@domain", 0, 0, {}};
  if (ctx.defanged(c.from, c.to)) a.note += "; written defanged";
  return a;
}

}  // namespace osprey::observables
