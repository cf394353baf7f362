// Benign reasons: values that are almost surely not attacker infrastructure.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;
using osprey::observables::ExtractOptions;

namespace {

// The observable of `type` with `value` (nullptr when absent).
const Observable* find(const Findings& f, const std::string& type, const std::string& value) {
  for (const Observable& o : f.observables)
    if (o.type == type && o.value == value) return &o;
  return nullptr;
}

std::string benign_of(const std::string& text, const std::string& type, const std::string& value,
                      const ExtractOptions& options = {}) {
  Findings f = extract(text, options);
  const Observable* o = find(f, type, value);
  return o ? o->benign : "<not found>";
}

}  // namespace

// ---------------------------------------------------------------- addresses

TEST(BenignAddress, DocumentationRanges) {
  EXPECT_NE(benign_of("host 192.0.2.5 x", "ipv4", "192.0.2.5").find("documentation"),
            std::string::npos);
  EXPECT_NE(benign_of("host 198.51.100.7 x", "ipv4", "198.51.100.7").find("documentation"),
            std::string::npos);
  EXPECT_NE(benign_of("host 203.0.113.9 x", "ipv4", "203.0.113.9").find("documentation"),
            std::string::npos);
  EXPECT_NE(benign_of("host 2001:db8::5 x", "ipv6", "2001:db8::5").find("documentation"),
            std::string::npos);
}

TEST(BenignAddress, PrivateAndLoopback) {
  EXPECT_NE(benign_of("host 10.1.2.3 x", "ipv4", "10.1.2.3").find("private"), std::string::npos);
  EXPECT_NE(benign_of("host 192.168.1.1 x", "ipv4", "192.168.1.1").find("private"),
            std::string::npos);
  EXPECT_NE(benign_of("host 127.0.0.1 x", "ipv4", "127.0.0.1").find("loopback"), std::string::npos);
  EXPECT_NE(benign_of("host ::1 x", "ipv6", "::1").find("loopback"), std::string::npos);
  EXPECT_NE(benign_of("host fc00::1 x", "ipv6", "fc00::1").find("private"), std::string::npos);
}

TEST(BenignAddress, OtherSpecialRanges) {
  EXPECT_FALSE(benign_of("host 169.254.1.1 x", "ipv4", "169.254.1.1").empty());
  EXPECT_FALSE(benign_of("host 100.64.1.1 x", "ipv4", "100.64.1.1").empty());
  EXPECT_FALSE(benign_of("host 198.18.0.1 x", "ipv4", "198.18.0.1").empty());
  EXPECT_FALSE(benign_of("host 224.0.0.5 x", "ipv4", "224.0.0.5").empty());
  EXPECT_FALSE(benign_of("host 0.0.0.0 x", "ipv4", "0.0.0.0").empty());
  EXPECT_FALSE(benign_of("host 240.0.0.1 x", "ipv4", "240.0.0.1").empty());
  EXPECT_FALSE(benign_of("host 255.255.255.255 x", "ipv4", "255.255.255.255").empty());
}

TEST(BenignAddress, PrivateNetwork) {
  EXPECT_NE(benign_of("block 10.0.0.0/8 now", "cidr", "10.0.0.0/8").find("private"),
            std::string::npos);
  EXPECT_TRUE(benign_of("block 45.77.0.0/16 now", "cidr", "45.77.0.0/16").empty());
}

TEST(BenignAddress, PublicAddressesNotBenign) {
  Findings f = extract("C2 at 185.220.101.4 and 2a03:2880:f10c:83:face:b00c:0:25de");
  ASSERT_EQ(f.observables.size(), 2u);
  for (const Observable& o : f.observables) EXPECT_TRUE(o.benign.empty()) << o.value;
}

// ---------------------------------------------------------------- domains and URLs

TEST(BenignDomain, ExampleDomainsAndSubdomains) {
  Findings f =
      extract("see example.com and www.example.net and a.b.example.org and notexample.com");
  for (const char* d : {"example.com", "www.example.net", "a.b.example.org"}) {
    const Observable* o = find(f, "domain", d);
    ASSERT_NE(o, nullptr) << d;
    EXPECT_NE(o->benign.find("example"), std::string::npos) << d;
  }
  const Observable* lookalike = find(f, "domain", "notexample.com");
  ASSERT_NE(lookalike, nullptr);
  EXPECT_TRUE(lookalike->benign.empty());
}

TEST(BenignDomain, ExampleUrlsAndEmails) {
  EXPECT_FALSE(
      benign_of("get https://example.com/payload.exe now", "url", "https://example.com/payload.exe")
          .empty());
  EXPECT_FALSE(benign_of("mail bob@example.com now", "email", "bob@example.com").empty());
}

TEST(BenignDomain, WellKnownDomain) {
  EXPECT_NE(benign_of("hosted on github.com now", "domain", "github.com").find("github.com"),
            std::string::npos);
  EXPECT_FALSE(
      benign_of("from raw.githubusercontent.com now", "domain", "raw.githubusercontent.com")
          .empty());
  EXPECT_TRUE(benign_of("from evilgithub.com now", "domain", "evilgithub.com").empty());
  EXPECT_TRUE(benign_of("from github.com.evil.net now", "domain", "github.com.evil.net").empty());
}

TEST(BenignDomain, WellKnownUrlWithPathNotBenign) {
  Findings f = extract("payload at https://github.com/evil/repo now");
  const Observable* url = find(f, "url", "https://github.com/evil/repo");
  ASSERT_NE(url, nullptr);
  EXPECT_TRUE(url->benign.empty());
  const Observable* host = find(f, "domain", "github.com");
  ASSERT_NE(host, nullptr);
  EXPECT_FALSE(host->benign.empty());
}

TEST(BenignDomain, BareWellKnownUrlBenign) {
  EXPECT_FALSE(benign_of("see https://github.com/ now", "url", "https://github.com/").empty());
  EXPECT_FALSE(benign_of("see https://github.com now", "url", "https://github.com").empty());
}

TEST(BenignDomain, EmailOnWellKnownProviderNotBenign) {
  EXPECT_TRUE(benign_of("mail attacker@gmail.com now", "email", "attacker@gmail.com").empty());
}

TEST(BenignDomain, OrdinaryDomainNotBenign) {
  Findings f =
      extract("The loader beacons to evil-updates.net and http://evil-updates.net/gate.php daily.");
  ASSERT_FALSE(f.observables.empty());
  for (const Observable& o : f.observables)
    EXPECT_TRUE(o.benign.empty()) << o.type << ":" << o.value;
}

// ---------------------------------------------------------------- digests

TEST(BenignDigest, EmptyInputDigests) {
  Findings f = extract(
      "empty d41d8cd98f00b204e9800998ecf8427e and da39a3ee5e6b4b0d3255bfef95601890afd80709 and "
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  ASSERT_EQ(f.observables.size(), 3u);
  for (const Observable& o : f.observables)
    EXPECT_NE(o.benign.find("empty"), std::string::npos) << o.value;
}

TEST(BenignDigest, EmptyInputDigestInUppercase) {
  EXPECT_FALSE(
      benign_of("md5 D41D8CD98F00B204E9800998ECF8427E x", "md5", "d41d8cd98f00b204e9800998ecf8427e")
          .empty());
}

TEST(BenignDigest, OrdinaryDigestNotBenign) {
  EXPECT_TRUE(
      benign_of("md5 44d88612fea8a8f36de82e1278abb02f x", "md5", "44d88612fea8a8f36de82e1278abb02f")
          .empty());
}

// ---------------------------------------------------------------- the reporting site

TEST(BenignSite, OwnDomainAndUrlsBenign) {
  ExtractOptions options;
  options.site = "vendor-blog.com";
  Findings f = extract(
      "Read more at https://vendor-blog.com/research/glassmoth or mail research@vendor-blog.com; "
      "the C2 was evil-updates.net, mirrored on cdn.vendor-blog.com.",
      options);
  const Observable* url = find(f, "url", "https://vendor-blog.com/research/glassmoth");
  ASSERT_NE(url, nullptr);
  EXPECT_FALSE(url->benign.empty());
  const Observable* domain = find(f, "domain", "vendor-blog.com");
  ASSERT_NE(domain, nullptr);
  EXPECT_FALSE(domain->benign.empty());
  const Observable* sub = find(f, "domain", "cdn.vendor-blog.com");
  ASSERT_NE(sub, nullptr);
  EXPECT_FALSE(sub->benign.empty());
  const Observable* mail = find(f, "email", "research@vendor-blog.com");
  ASSERT_NE(mail, nullptr);
  EXPECT_FALSE(mail->benign.empty());
  const Observable* c2 = find(f, "domain", "evil-updates.net");
  ASSERT_NE(c2, nullptr);
  EXPECT_TRUE(c2->benign.empty());
}

TEST(BenignSite, WithoutSiteTheDomainIsNotBenign) {
  EXPECT_TRUE(benign_of("see vendor-blog.com now", "domain", "vendor-blog.com").empty());
}

TEST(BenignSite, LookalikeOfSiteNotBenign) {
  ExtractOptions options;
  options.site = "vendor-blog.com";
  EXPECT_TRUE(
      benign_of("see evilvendor-blog.com now", "domain", "evilvendor-blog.com", options).empty());
}

// Regression (fixed): ExtractOptions::site is compared byte-wise with the lowercase
// canonical host, so a site given as "Vendor-Blog.com" (e.g. --site
// Vendor-Blog.com) marks nothing benign; host names are case-insensitive.
TEST(BenignSite, SiteComparedCaseInsensitively) {
  ExtractOptions options;
  options.site = "Vendor-Blog.com";
  EXPECT_FALSE(benign_of("see vendor-blog.com now", "domain", "vendor-blog.com", options).empty());
}
