#include "osprey/watch/watch_matcher.h"

#include <gtest/gtest.h>

namespace osprey::watch {
namespace {

Observable observable(std::string type, std::string value) {
  Observable o;
  o.type = std::move(type);
  o.value = std::move(value);
  return o;
}

Mention mention(std::string id, std::string alias) {
  Mention m;
  m.id = std::move(id);
  m.alias = std::move(alias);
  return m;
}

struct Sample {
  Article article;
  Findings findings;
};

Sample sample() {
  Sample s;
  s.article.title = "Supply-chain attack hits Energy firms";
  s.article.text =
      "Researchers attribute the campaign to Velvet Chollima. The actors exploited "
      "CVE-2024-3400 and staged payloads on cdn.files.example.com and 198.51.100.23.";
  s.findings.entities = {mention("intrusion-set--kimsuky", "Velvet Chollima"),
                         mention("sector--energy", "Energy")};
  s.findings.observables = {observable("cve", "CVE-2024-3400"),
                            observable("domain", "cdn.files.example.com"),
                            observable("ipv4", "198.51.100.23"),
                            observable("url", "https://user@Portal.Corp.Example.ORG:8443/login"),
                            observable("email", "ceo@mail.victim.example"),
                            observable("ipv6", "2001:db8:1::5")};
  return s;
}

std::vector<AlertMatch> matches(const std::string& field, const std::string& value,
                                const std::string& entity = "") {
  Sample s = sample();
  ArticleFacts facts(s.article, s.findings);
  Watchlist w;
  for (const WatchField& f : kWatchFields) {
    if (field == f.name) (w.query.*f.terms).push_back({value, entity});
  }
  return match_watchlist(w, facts);
}

bool hit(const std::string& field, const std::string& value, const std::string& entity = "") {
  auto m = matches(field, value, entity);
  return m.size() == 1 && m[0] == AlertMatch{field, value};
}

TEST(WatchMatcher, EntitiesMatchByIdWhicheverAliasTheArticleUsed) {
  EXPECT_TRUE(hit("actors", "Kimsuky", "intrusion-set--kimsuky"));
  EXPECT_FALSE(hit("actors", "Lazarus Group", "intrusion-set--lazarus"));
  EXPECT_TRUE(hit("sectors", "Energy", "sector--energy"));
  EXPECT_FALSE(hit("countries", "Ukraine", "location--ua"));
  EXPECT_FALSE(hit("malware", "Kimsuky", "malware--kimsuky"));  // the name alone is not enough
}

TEST(WatchMatcher, CvesMatchTheirCanonicalId) {
  EXPECT_TRUE(hit("cves", "CVE-2024-3400"));
  EXPECT_FALSE(hit("cves", "CVE-2024-340"));
  EXPECT_FALSE(hit("cves", "CVE-2023-3400"));
}

TEST(WatchMatcher, KeywordsAreWholeWordsInTitleOrTextInAnyCase) {
  EXPECT_TRUE(hit("keywords", "supply chain"));  // the title's "Supply-chain"
  EXPECT_TRUE(hit("keywords", "STAGED PAYLOADS"));
  EXPECT_TRUE(hit("keywords", "researchers"));
  EXPECT_FALSE(hit("keywords", "research"));  // not part of a word
  EXPECT_FALSE(hit("keywords", "payload"));
  EXPECT_FALSE(hit("keywords", "firms researchers"));  // title and text are not one phrase
  EXPECT_FALSE(hit("keywords", "chollima velvet"));    // words in order
}

TEST(WatchMatcher, DomainsMatchThemselvesTheirSubdomainsAndUrlsAndEmailsOnThem) {
  EXPECT_TRUE(hit("domains", "example.com"));
  EXPECT_TRUE(hit("domains", "files.example.com"));
  EXPECT_TRUE(hit("domains", "cdn.files.example.com"));
  EXPECT_FALSE(hit("domains", "le.com"));  // a suffix that is not a label boundary
  EXPECT_FALSE(hit("domains", "other.example.com"));
  EXPECT_TRUE(hit("domains", "corp.example.org"));  // the URL's host, any case, port dropped
  EXPECT_TRUE(hit("domains", "victim.example"));    // the e-mail's domain
  EXPECT_FALSE(hit("domains", "user"));
}

TEST(WatchMatcher, NetworksMatchAddressesInsideTheRange) {
  EXPECT_TRUE(hit("networks", "198.51.100.0/24"));
  EXPECT_TRUE(hit("networks", "198.51.100.23/32"));
  EXPECT_FALSE(hit("networks", "198.51.101.0/24"));
  EXPECT_TRUE(hit("networks", "2001:db8::/32"));
  EXPECT_FALSE(hit("networks", "2001:db9::/32"));
  EXPECT_FALSE(hit("networks", "10.0.0.0/8"));
}

TEST(WatchMatcher, EveryMatchingTermIsReportedInFieldOrder) {
  Sample s = sample();
  ArticleFacts facts(s.article, s.findings);
  Watchlist w;
  w.query.keywords = {{"energy", ""}, {"absent", ""}};
  w.query.actors = {{"Kimsuky", "intrusion-set--kimsuky"}};
  w.query.networks = {{"198.51.100.0/24", ""}};
  auto m = match_watchlist(w, facts);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0], (AlertMatch{"actors", "Kimsuky"}));
  EXPECT_EQ(m[1], (AlertMatch{"keywords", "energy"}));
  EXPECT_EQ(m[2], (AlertMatch{"networks", "198.51.100.0/24"}));
  EXPECT_TRUE(match_watchlist(Watchlist{}, facts).empty());
}

TEST(WatchMatcher, WordsKeepUtf8LettersInsideWords) {
  EXPECT_EQ(words_of("Café-Überfall, APT43!"),
            (std::vector<std::string>{"café", "Überfall", "apt43"}));
}

}  // namespace
}  // namespace osprey::watch
