// Domains, URLs and e-mail addresses.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;

// ---------------------------------------------------------------- domain

TEST(Domain, LowercaseCanonicalWithSpan) {
  const std::string text = "Visit EVIL-Domain.COM today.";
  Findings f = extract(text);
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "evil-domain.com");
  EXPECT_TRUE(o->unicode.empty());
  EXPECT_FALSE(o->defanged);
  EXPECT_EQ(o->spans[0].start, 6u);
  EXPECT_EQ(o->spans[0].end, 21u);
  EXPECT_EQ(all_pairs(f), strings({"domain:evil-domain.com"}));
}

TEST(Domain, TrailingSentenceDotNotInSpan) {
  const std::string text = "Go to malicious-updates.net.";
  Findings f = extract(text);
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "malicious-updates.net");
  EXPECT_EQ(o->spans[0].start, 6u);
  EXPECT_EQ(o->spans[0].end, text.size() - 1);
}

TEST(Domain, MultiLabelSuffix) {
  EXPECT_EQ(values("sub.evil-site.co.uk, ok", "domain"), strings({"sub.evil-site.co.uk"}));
  EXPECT_EQ(values("see a.b.c.evil.com.au now", "domain"), strings({"a.b.c.evil.com.au"}));
}

TEST(Domain, CaseVariantsMerge) {
  Findings f = extract("evil.com, EVIL.COM and Evil.Com");
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "evil.com");
  EXPECT_EQ(o->count, 3u);
}

TEST(Domain, DefangedDomain) {
  const std::string text = "beacons to evil[.]com daily";
  Findings f = extract(text);
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "evil.com");
  EXPECT_TRUE(o->defanged);
  EXPECT_EQ(o->spans[0].start, text.find("evil"));
  EXPECT_EQ(o->spans[0].end, text.find(" daily"));
}

TEST(Domain, TldMustBeAPublicSuffix) {
  EXPECT_TRUE(values("go evil.invalidtld now", "domain").empty());
  EXPECT_TRUE(values("go evil.local now", "domain").empty());
  EXPECT_TRUE(values("go host.corp_internal now", "domain").empty());
}

TEST(Domain, AbbreviationsAndNumbersRejected) {
  EXPECT_TRUE(all_pairs(extract("e.g. this, i.e. that")).empty());
  EXPECT_TRUE(all_pairs(extract("pi is 3.14 ok")).empty());
}

TEST(Domain, TechnologyAndCodeNamesRejected) {
  EXPECT_TRUE(all_pairs(extract("Built on Node.js today")).empty());
  EXPECT_TRUE(all_pairs(extract("call os.path.join(a)")).empty());
  EXPECT_TRUE(values("Built on ASP.NET Core", "domain").empty());
  EXPECT_TRUE(values("read user.id and self.name", "domain").empty());
}

TEST(Domain, MissingSpaceAfterFullStopRejected) {
  EXPECT_TRUE(all_pairs(extract("The patch is available.It works")).empty());
  EXPECT_TRUE(values("Nothing was found.Me neither", "domain").empty());
}

TEST(Domain, FileExtensionTldsAreFilesInPlainProse) {
  Findings f = extract("open report.zip and notes.md and script.py");
  EXPECT_TRUE(values(f, "domain").empty());
}

TEST(Domain, FileExtensionTldIsDomainWhenDefanged) {
  Findings f = extract("open report[.]zip now");
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "report.zip");
  EXPECT_TRUE(o->defanged);
  EXPECT_TRUE(values(f, "filename").empty());
}

TEST(Domain, FileExtensionTldIsDomainInHostContext) {
  Findings f = extract("the C2 domain report.zip");
  EXPECT_EQ(values(f, "domain"), strings({"report.zip"}));
  EXPECT_TRUE(values(f, "filename").empty());
  EXPECT_EQ(values("the implant connects to script.py now", "domain"), strings({"script.py"}));
}

TEST(Domain, InternationalisedUnicodeInput) {
  const std::string text = "go to пример.рф now";
  Findings f = extract(text);
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(o->unicode, "пример.рф");
  EXPECT_EQ(o->spans[0].start, text.find("пример"));
  EXPECT_EQ(o->spans[0].end, text.find(" now"));
}

TEST(Domain, InternationalisedAtSentenceEnd) {
  const std::string text = "go to пример.рф.";
  Findings f = extract(text);
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(o->spans[0].end, text.size() - 1);
}

TEST(Domain, PunycodeInputGetsUnicode) {
  Findings f = extract("xn--e1afmkfd.xn--p1ai is puny");
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(o->unicode, "пример.рф");
}

TEST(Domain, UnicodeAndPunycodeSpellingsMerge) {
  Findings f = extract("пример.рф and xn--e1afmkfd.xn--p1ai");
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->count, 2u);
}

TEST(Domain, LatinIdn) {
  Findings f = extract("go to münchen.de now");
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "xn--mnchen-3ya.de");
  EXPECT_EQ(o->unicode, "münchen.de");
}

// Regression (fixed): the unicode field keeps the written case of non-ASCII letters
// ("ПРИМЕР.РФ"), which is not a valid U-label; it should be the U-label of
// the value (IDNA lowercase form), "пример.рф".
TEST(Domain, UppercaseIdnUnicodeIsTheULabel) {
  Findings f = extract("go to ПРИМЕР.РФ now");
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "xn--e1afmkfd.xn--p1ai");
  EXPECT_EQ(o->unicode, "пример.рф");
}

TEST(Domain, PublicSuffixAloneRejected) {
  EXPECT_TRUE(values("suffix co.uk alone", "domain").empty());
  EXPECT_TRUE(values("suffix com.au alone", "domain").empty());
}

TEST(Domain, FollowedByAtIsEmailLocalPart) {
  Findings f = extract("write to sales.team@evil.com now");
  EXPECT_TRUE(values(f, "domain").empty());
  EXPECT_EQ(values(f, "email"), strings({"sales.team@evil.com"}));
  EXPECT_TRUE(values("see evil.com@ x", "domain").empty());
}

TEST(Domain, GluedToOtherCharactersRejected) {
  EXPECT_TRUE(values("bad label -.com here", "domain").empty());
  EXPECT_TRUE(values("bad label evil..com here", "domain").empty());
}

TEST(Domain, UnderscoreAllowedInLabelButNotTld) {
  EXPECT_EQ(values("see my_host.evil.com now", "domain"), strings({"my_host.evil.com"}));
  EXPECT_TRUE(values("see evil.c_m now", "domain").empty());
}

TEST(Domain, MarkdownEmphasisUnderscoresTrimmed) {
  const std::string text = "see _evil.com_ now";
  Findings f = extract(text);
  const Observable* o = only(f, "domain");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "evil.com");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, 13u);
}

// ---------------------------------------------------------------- url

TEST(Url, PlainUrlWithSpanAndHost) {
  const std::string text = "see http://evil.com/a, ok";
  Findings f = extract(text);
  const Observable* url = only(f, "url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->value, "http://evil.com/a");
  EXPECT_EQ(url->spans[0].start, 4u);
  EXPECT_EQ(url->spans[0].end, 21u);
  const Observable* host = only(f, "domain");
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(host->value, "evil.com");
  EXPECT_EQ(host->spans[0].start, 11u);
  EXPECT_EQ(host->spans[0].end, 19u);
}

TEST(Url, Schemes) {
  Findings f = extract(
      "ftp://files.evil.net/x sftp://evil.net/y smb://evil.net/share ws://evil.net/s "
      "wss://evil.net/s tcp://evil.net:4444 udp://evil.net:53 https://evil.net/z");
  EXPECT_EQ(values(f, "url"),
            strings({"ftp://files.evil.net/x", "sftp://evil.net/y", "smb://evil.net/share",
                     "ws://evil.net/s", "wss://evil.net/s", "tcp://evil.net:4444",
                     "udp://evil.net:53", "https://evil.net/z"}));
}

TEST(Url, SchemeAndHostLowercasedPathCaseKept) {
  Findings f = extract("HTTPS://EVIL.com/Path/File.EXE?Q=1.");
  EXPECT_EQ(values(f, "url"), strings({"https://evil.com/Path/File.EXE?Q=1"}));
  EXPECT_EQ(values(f, "domain"), strings({"evil.com"}));
}

TEST(Url, TrailingPunctuationTrimmed) {
  EXPECT_EQ(values("see https://evil.com/a. Then", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("see https://evil.com/a, then", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("see https://evil.com/a; then", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("is it https://evil.com/a?", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("go https://evil.com/a!", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("see https://evil.com. Then", "url"), strings({"https://evil.com"}));
}

TEST(Url, UnbalancedClosingParenthesisTrimmed) {
  const std::string text = "(see https://evil.com/a)";
  Findings f = extract(text);
  const Observable* o = only(f, "url");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "https://evil.com/a");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, text.size() - 1);
}

TEST(Url, BalancedParenthesesKept) {
  EXPECT_EQ(values("https://en.wikipedia.org/wiki/Foo_(bar) ok", "url"),
            strings({"https://en.wikipedia.org/wiki/Foo_(bar)"}));
  EXPECT_EQ(values("(see https://en.wikipedia.org/wiki/Foo_(bar))", "url"),
            strings({"https://en.wikipedia.org/wiki/Foo_(bar)"}));
  EXPECT_EQ(values("x https://evil.com/a?q=(1) y", "url"), strings({"https://evil.com/a?q=(1)"}));
}

TEST(Url, MarkdownLink) {
  const std::string text = "[x](https://evil.com/a)";
  Findings f = extract(text);
  const Observable* o = only(f, "url");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "https://evil.com/a");
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, text.size() - 1);
}

TEST(Url, BracketsQuotesAndAngleBrackets) {
  EXPECT_EQ(values("[https://evil.com/a]", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("see 'https://evil.com/a' ok", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("see \"https://evil.com/a\" ok", "url"), strings({"https://evil.com/a"}));
  EXPECT_EQ(values("<https://evil.com/a>", "url"), strings({"https://evil.com/a"}));
}

TEST(Url, UnicodePunctuationEndsUrl) {
  EXPECT_EQ(values("see https://evil.com/a\xE2\x80\xA6 more", "url"),
            strings({"https://evil.com/a"}));
  EXPECT_EQ(values("\xE2\x80\x9Chttps://evil.com/a\xE2\x80\x9D said", "url"),
            strings({"https://evil.com/a"}));
}

TEST(Url, PortKeptInValue) {
  Findings f = extract("URL: https://EVIL.COM:8443/Admin");
  EXPECT_EQ(values(f, "url"), strings({"https://evil.com:8443/Admin"}));
  EXPECT_EQ(values(f, "domain"), strings({"evil.com"}));
  EXPECT_EQ(values("http://evil.com:8080/x", "url"), strings({"http://evil.com:8080/x"}));
}

TEST(Url, PortOutOfRangeRejected) {
  EXPECT_TRUE(values("http://evil.com:99999/x", "url").empty());
}

TEST(Url, Ipv4Host) {
  const std::string text = "get https://45.77.12.9:8443/x now";
  Findings f = extract(text);
  EXPECT_EQ(values(f, "url"), strings({"https://45.77.12.9:8443/x"}));
  const Observable* ip = only(f, "ipv4");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->value, "45.77.12.9");
  EXPECT_EQ(ip->spans[0].start, text.find("45."));
  EXPECT_EQ(ip->spans[0].end, text.find(":8443"));
}

TEST(Url, Ipv6Host) {
  Findings f = extract("get http://[2001:DB8::1]:443/x now");
  EXPECT_EQ(values(f, "url"), strings({"http://[2001:db8::1]:443/x"}));
  EXPECT_EQ(values(f, "ipv6"), strings({"2001:db8::1"}));
}

TEST(Url, FileNameInPathNotReported) {
  Findings f = extract("get http://evil.com/payload.exe now");
  EXPECT_EQ(values(f, "url"), strings({"http://evil.com/payload.exe"}));
  EXPECT_TRUE(values(f, "filename").empty());
  EXPECT_EQ(values(f, "domain"), strings({"evil.com"}));
}

TEST(Url, DomainAndIpInPathNotReported) {
  Findings f = extract("get http://evil.com/redirect/other-domain.net/x?ip=8.8.8.8 now");
  EXPECT_EQ(values(f, "domain"), strings({"evil.com"}));
  EXPECT_TRUE(values(f, "ipv4").empty());
}

TEST(Url, HashInPathStillReported) {
  Findings f = extract("get https://evil.com/d/44d88612fea8a8f36de82e1278abb02f now");
  EXPECT_EQ(values(f, "md5"), strings({"44d88612fea8a8f36de82e1278abb02f"}));
}

TEST(Url, InvalidHostRejected) {
  EXPECT_TRUE(values("http://intranet/x", "url").empty());
  EXPECT_TRUE(values("see http://256.1.1.1/x", "url").empty());
  EXPECT_TRUE(values("see http://evil.invalidtld/x", "url").empty());
}

TEST(Url, SchemeGluedToWordRejected) {
  EXPECT_TRUE(values("xhttp://evil.com/a", "url").empty());
}

TEST(Url, DefangedUrl) {
  const std::string text = "hxxp://evil[.]com/a";
  Findings f = extract(text);
  const Observable* url = only(f, "url");
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(url->value, "http://evil.com/a");
  EXPECT_TRUE(url->defanged);
  EXPECT_EQ(url->spans[0].start, 0u);
  EXPECT_EQ(url->spans[0].end, text.size());
  const Observable* host = only(f, "domain");
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(host->spans[0].start, 7u);
  EXPECT_EQ(host->spans[0].end, text.find("/a"));
}

TEST(Url, CredentialsKeptAndNotAnEmail) {
  Findings f = extract("ftp://user@host.com/x");
  EXPECT_EQ(values(f, "url"), strings({"ftp://user@host.com/x"}));
  EXPECT_TRUE(values(f, "email").empty());
  EXPECT_EQ(values(f, "domain"), strings({"host.com"}));
  Findings g = extract("ftp://user:pw@host.com/x");
  EXPECT_EQ(values(g, "url"), strings({"ftp://user:pw@host.com/x"}));
  EXPECT_TRUE(values(g, "email").empty());
}

TEST(Url, InternationalisedHost) {
  Findings f = extract("see https://пример.рф/путь now");
  ASSERT_EQ(values(f, "url").size(), 1u);
  EXPECT_EQ(values(f, "domain"), strings({"xn--e1afmkfd.xn--p1ai"}));
}

// Regression (fixed): the URL host is lowercased byte-wise (ASCII only), so an upper-case
// internationalised host is not canonical: "https://ПРИМЕР.РФ/x" and
// "https://пример.рф/x" are reported as two different URLs.
TEST(Url, UppercaseInternationalisedHostCanonical) {
  Findings f = extract("see https://ПРИМЕР.РФ/x and https://пример.рф/x now");
  EXPECT_EQ(values(f, "url").size(), 1u);
  EXPECT_EQ(values(f, "domain"), strings({"xn--e1afmkfd.xn--p1ai"}));
}

// ---------------------------------------------------------------- email

TEST(Email, LowercaseWithSpan) {
  const std::string text = "mail John.Smith@EVIL.com now";
  Findings f = extract(text);
  const Observable* o = only(f, "email");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "john.smith@evil.com");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, 24u);
  EXPECT_EQ(all_pairs(f), strings({"email:john.smith@evil.com"}));
}

TEST(Email, DomainOfEmailNotReportedSeparately) {
  Findings f = extract("reply to phish@mail.evil-site.co.uk.");
  EXPECT_EQ(values(f, "email"), strings({"phish@mail.evil-site.co.uk"}));
  EXPECT_TRUE(values(f, "domain").empty());
}

TEST(Email, DefangedBracketAt) {
  const std::string text = "mail john[at]evil[.]com now";
  Findings f = extract(text);
  const Observable* o = only(f, "email");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "john@evil.com");
  EXPECT_TRUE(o->defanged);
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, text.find(" now"));
  EXPECT_TRUE(values(f, "domain").empty());
}

TEST(Email, DefangedParenthesisAt) {
  Findings f = extract("mail john(at)evil.com now");
  EXPECT_EQ(values(f, "email"), strings({"john@evil.com"}));
  EXPECT_TRUE(values(f, "domain").empty());
}

TEST(Email, PlusAndPercentInLocalPart) {
  EXPECT_EQ(values("mail a.b+tag%x@evil.com now", "email"), strings({"a.b+tag%x@evil.com"}));
}

TEST(Email, InvalidDomainRejected) {
  EXPECT_TRUE(values("mail john@evil.invalidtld x", "email").empty());
  EXPECT_TRUE(values("mail john@localhost x", "email").empty());
}

TEST(Email, DoubleDotInLocalPartRejected) {
  EXPECT_TRUE(values("mail a..b@evil.com x", "email").empty());
}

TEST(Email, UrlCredentialsAreNotEmails) {
  EXPECT_TRUE(values("ftp://user@host.com", "email").empty());
  EXPECT_TRUE(values("see smb://admin@files.evil.net/share", "email").empty());
}

TEST(Email, ProseAtIsNotADefang) {
  EXPECT_TRUE(all_pairs(extract("meet at noon (at) the office")).empty());
}

// Regression (fixed): the URL extent walks back over every scheme character, so digits and
// dots before the scheme become part of it; a scheme must start with a
// letter (RFC 3986). "1.https://evil.com/a" is reported as "1.https://evil.com/a".
TEST(Url, SchemeStartsWithALetter) {
  EXPECT_EQ(values("1.https://evil.com/a", "url"), strings({"https://evil.com/a"}));
}

// Regression (fixed): validate_email rejects an address preceded by ':' (meant for URL
// credentials "user:pw@host"), which also drops "mailto:" links and
// "Email:john@…": only the domain evil.com is reported.
TEST(Email, MailtoLink) {
  Findings f = extract("contact mailto:john@evil.com now");
  EXPECT_EQ(values(f, "email"), strings({"john@evil.com"}));
  EXPECT_TRUE(values(f, "domain").empty());
}

TEST(Domain, SentenceJoinsAndBrandNamesAreNotHosts) {
  for (const char* text :
       {"since 3 March.It appears", "minimal APIs.It is the first", "on 29 August.Support from",
        "Socket.IO reached a new version", "lender Ledgerly.AI jumped"})
    EXPECT_TRUE(values(text, "domain").empty()) << text;
  EXPECT_EQ(values("Visit Evil.Com and EVIL.IO and evil.io", "domain"),
            strings({"evil.com", "evil.io"}));
  EXPECT_EQ(values("the C2 domain Ledgerly.AI", "domain"), strings({"ledgerly.ai"}));
}
