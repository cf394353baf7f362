#include "osprey/watch/watchlist_builder.h"

#include <gtest/gtest.h>

#include "export/export_fixture.h"

namespace osprey::watch {
namespace {

const kb::KnowledgeBase* base() {
  return exporting::testing::analyzer().knowledge_base();
}

Result<Watchlist> build(std::map<std::string, std::vector<std::string>> terms,
                        std::string webhook = "") {
  return build_watchlist({"My watchlist", std::move(terms), std::move(webhook)}, base());
}

TEST(WatchlistBuilder, ActorNamesResolveToTheirEntityWhicheverAliasIsGiven) {
  auto kimsuky = build({{"actors", {"Kimsuky"}}});
  auto alias = build({{"actors", {"velvet chollima"}}});
  ASSERT_TRUE(kimsuky.ok()) << kimsuky.error().message;
  ASSERT_TRUE(alias.ok()) << alias.error().message;
  ASSERT_EQ(alias.value().query.actors.size(), 1u);
  EXPECT_EQ(alias.value().query.actors[0].value, "Kimsuky");
  EXPECT_EQ(alias.value().query.actors[0].entity_id, kimsuky.value().query.actors[0].entity_id);
  EXPECT_TRUE(alias.value().query.actors[0].entity_id.starts_with("intrusion-set--"));
}

TEST(WatchlistBuilder, EachEntityFieldWantsItsOwnKindOfEntity) {
  auto ok = build({{"malware", {"Emotet"}}, {"sectors", {"Energy"}}, {"countries", {"Ukraine"}}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(ok.value().query.malware[0].entity_id.starts_with("malware--"));
  EXPECT_TRUE(ok.value().query.sectors[0].entity_id.starts_with("sector--"));
  EXPECT_TRUE(ok.value().query.countries[0].entity_id.starts_with("location--"));
  auto wrong = build({{"actors", {"Ukraine"}}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message.find("actors: no actor named 'Ukraine'"), std::string::npos);
  auto unknown = build({{"actors", {"Definitely Not An Actor 42"}}});
  ASSERT_FALSE(unknown.ok());
  auto no_kb = build_watchlist({"w", {{"actors", {"Kimsuky"}}}, ""}, nullptr);
  ASSERT_FALSE(no_kb.ok());
  EXPECT_NE(no_kb.error().message.find("no knowledge base"), std::string::npos);
  // Fields that need no knowledge base do without one.
  EXPECT_TRUE(build_watchlist({"w", {{"cves", {"CVE-2024-3400"}}}, ""}, nullptr).ok());
}

TEST(WatchlistBuilder, ValuesAreCheckedAndWrittenInTheirCanonicalForm) {
  auto w = build({{"cves", {"cve-2024-3400", "CVE-2024-3400"}},
                  {"domains", {"Example.COM.", "*.corp.example.org"}},
                  {"networks", {"10.1.2.3/8", "192.0.2.7", "2001:DB8::1/32"}},
                  {"keywords", {"  supply chain  "}}});
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_EQ(w.value().query.cves.size(), 1u);  // repeated values are kept once
  EXPECT_EQ(w.value().query.cves[0].value, "CVE-2024-3400");
  EXPECT_EQ(w.value().query.domains[0].value, "example.com");
  EXPECT_EQ(w.value().query.domains[1].value, "corp.example.org");
  EXPECT_EQ(w.value().query.networks[0].value, "10.0.0.0/8");
  EXPECT_EQ(w.value().query.networks[1].value, "192.0.2.7/32");
  EXPECT_EQ(w.value().query.networks[2].value, "2001:db8::/32");
  EXPECT_EQ(w.value().query.keywords[0].value, "supply chain");
}

TEST(WatchlistBuilder, BadInputIsAnErrorNamingTheFieldAndValue) {
  struct Case {
    std::map<std::string, std::vector<std::string>> terms;
    std::string webhook, expected;
  };
  const Case cases[] = {
      {{{"cves", {"CVE-24-1"}}}, "", "cves: 'CVE-24-1' is not a CVE id"},
      {{{"networks", {"10.0.0.0/33"}}}, "", "networks: '10.0.0.0/33' is not an IP network"},
      {{{"networks", {"example.com"}}}, "", "networks: 'example.com'"},
      {{{"domains", {"not a domain"}}}, "", "domains: 'not a domain' is not a domain name"},
      {{{"domains", {"192.0.2.1"}}}, "", "watch addresses with a network"},
      {{{"domains", {"-bad-.example"}}}, "", "domains: '-bad-.example'"},
      {{{"keywords", {"--"}}}, "", "keywords: the keyword '--' has no letters or digits"},
      {{{"keywords", {""}}}, "", "keywords: '' is empty"},
      {{{"colours", {"red"}}}, "", "unknown field 'colours'"},
      {{}, "", "at least one term"},
      {{{"cves", {"CVE-2024-3400"}}}, "ftp://siem.example/", "webhook: 'ftp://siem.example/'"},
      {{{"cves", {"CVE-2024-3400"}}}, "https://", "webhook: 'https://'"},
      {{{"cves", {"CVE-2024-3400"}}}, "http://a b/", "is not an http:// or https:// URL"},
  };
  for (const Case& c : cases) {
    auto w = build(c.terms, c.webhook);
    ASSERT_FALSE(w.ok()) << c.expected;
    EXPECT_NE(w.error().message.find(c.expected), std::string::npos) << w.error().message;
  }
  EXPECT_FALSE(build_watchlist({"   ", {{"cves", {"CVE-2024-3400"}}}, ""}, nullptr).ok());
  EXPECT_FALSE(
      build_watchlist({std::string(300, 'x'), {{"cves", {"CVE-2024-3400"}}}, ""}, nullptr).ok());
  auto hooked = build({{"cves", {"CVE-2024-3400"}}}, "https://siem.example/hook?x=1");
  ASSERT_TRUE(hooked.ok());
  EXPECT_EQ(hooked.value().webhook, "https://siem.example/hook?x=1");
  EXPECT_EQ(hooked.value().name, "My watchlist");
}

}  // namespace
}  // namespace osprey::watch
