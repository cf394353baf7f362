#include "osprey/observables/benign.h"

#include <algorithm>
#include <array>

namespace osprey::observables {
namespace {

bool has_flag(const Observable& o, std::string_view flag) {
  return std::find(o.flags.begin(), o.flags.end(), flag) != o.flags.end();
}

// `host` is `domain` or one of its subdomains.
bool within(std::string_view host, std::string_view domain) {
  if (domain.empty() || host.size() < domain.size() || !host.ends_with(domain)) return false;
  return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

// Sites that reports name as references or as the platform abused, not as
// attacker infrastructure. A URL on them with a path is still reported plainly.
constexpr std::array<std::string_view, 38> kWellKnown = {"microsoft.com",
                                                         "windows.com",
                                                         "windowsupdate.com",
                                                         "office.com",
                                                         "live.com",
                                                         "outlook.com",
                                                         "google.com",
                                                         "gmail.com",
                                                         "youtube.com",
                                                         "github.com",
                                                         "githubusercontent.com",
                                                         "gitlab.com",
                                                         "virustotal.com",
                                                         "twitter.com",
                                                         "x.com",
                                                         "facebook.com",
                                                         "instagram.com",
                                                         "linkedin.com",
                                                         "apple.com",
                                                         "icloud.com",
                                                         "amazon.com",
                                                         "amazonaws.com",
                                                         "cloudflare.com",
                                                         "mozilla.org",
                                                         "wikipedia.org",
                                                         "w3.org",
                                                         "mitre.org",
                                                         "cve.org",
                                                         "nist.gov",
                                                         "cisa.gov",
                                                         "bing.com",
                                                         "yahoo.com",
                                                         "telegram.org",
                                                         "discord.com",
                                                         "dropbox.com",
                                                         "adobe.com",
                                                         "oracle.com",
                                                         "ietf.org"};

// Reserved for documentation by RFC 2606 and RFC 6761.
constexpr std::array<std::string_view, 3> kExampleDomains = {"example.com", "example.net",
                                                             "example.org"};

std::string_view host_of(const Observable& o) {
  std::string_view value = o.value;
  if (o.type == "domain") return value;
  if (o.type == "email") return value.substr(value.find('@') + 1);
  if (o.type == "url") {
    size_t start = value.find("://") + 3;
    size_t end = value.find_first_of("/?#", start);
    std::string_view authority =
        value.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    authority = authority.substr(authority.rfind('@') + 1);
    return authority.substr(0, authority.find(':'));
  }
  return {};
}

std::string address_reason(const Observable& o) {
  struct Reason {
    std::string_view flag, why;
  };
  static constexpr std::array<Reason, 10> kReasons = {{
      {"documentation", "documentation range (RFC 5737 / RFC 3849)"},
      {"loopback", "loopback address"},
      {"unspecified", "unspecified address"},
      {"link-local", "link-local address"},
      {"private", "private address (RFC 1918 / RFC 4193), not reachable from the internet"},
      {"shared", "shared address space (RFC 6598)"},
      {"benchmarking", "benchmarking range (RFC 2544)"},
      {"multicast", "multicast address"},
      {"broadcast", "broadcast address"},
      {"reserved", "reserved address range"},
  }};
  for (const Reason& r : kReasons)
    if (has_flag(o, r.flag)) return std::string(r.why);
  return {};
}

std::string digest_reason(const Observable& o) {
  static constexpr std::array<std::string_view, 4> kEmpty = {
      "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877e"
      "ec2f63b931bd47417a81a538327af927da3e"};
  if (std::find(kEmpty.begin(), kEmpty.end(), o.value) != kEmpty.end())
    return "digest of empty input";
  return {};
}

}  // namespace

std::string benign_reason(const Observable& o, std::string_view site) {
  if (o.type == "ipv4" || o.type == "ipv6" || o.type == "cidr") return address_reason(o);
  if (o.type == "md5" || o.type == "sha1" || o.type == "sha256" || o.type == "sha512")
    return digest_reason(o);
  std::string_view host = host_of(o);
  if (host.empty()) return {};
  if (within(host, site)) return "the reporting site's own domain";
  for (std::string_view d : kExampleDomains)
    if (within(host, d)) return "reserved example domain (RFC 2606)";
  if (o.type == "url") {
    // Only a bare link to a well-known site ("https://github.com/") is benign.
    size_t path = o.value.find_first_of("/?#", o.value.find("://") + 3);
    if (path != std::string::npos && o.value.size() > path + 1) return {};
  }
  if (o.type == "email") return {};
  for (std::string_view d : kWellKnown)
    if (within(host, d)) return "well-known site (" + std::string(d) + ")";
  return {};
}

}  // namespace osprey::observables
