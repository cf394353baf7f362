// The source registry and each reader, on the hand-written fixtures in the
// upstream formats (tests/fixtures/kb/source).
#include "osprey/kb/sources.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "kb/kb_support.h"

namespace osprey::kb {
namespace {

using testing::kb_source_dir;

const SourceSpec& spec(std::string_view name) {
  for (const SourceSpec& s : source_specs())
    if (s.name == name) return s;
  ADD_FAILURE() << "no source " << name;
  return source_specs().front();
}

std::vector<SourceRecord> read_records(std::string_view name) {
  auto read = read_source(kb_source_dir(), spec(name), 0);
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
  return read.ok() ? read.value().records : std::vector<SourceRecord>{};
}

const SourceRecord* named(const std::vector<SourceRecord>& records, std::string_view name) {
  for (const SourceRecord& r : records)
    if (!r.primary_names.empty() && r.primary_names.front() == name) return &r;
  return nullptr;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(KbSources, RegistryRowsAreUniqueAndDescribed) {
  std::vector<std::string_view> names;
  for (const SourceSpec& s : source_specs()) {
    EXPECT_FALSE(s.description.empty()) << s.name;
    EXPECT_NE(s.read, nullptr) << s.name;
    names.push_back(s.name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
  EXPECT_TRUE(spec("attack:enterprise").required);
  EXPECT_TRUE(spec("misp:threat-actor").required);
  EXPECT_TRUE(spec("misp:microsoft-activity-group").renames);
}

TEST(KbSources, FindsFilesByPattern) {
  std::string bundle = find_source_file(kb_source_dir(), spec("attack:enterprise"));
  EXPECT_NE(bundle.find("enterprise-attack-18.1-mini.json"), std::string::npos);
  EXPECT_EQ(find_source_file(kb_source_dir(), spec("attack:mobile")), "");
  EXPECT_EQ(find_source_file(kb_source_dir(), spec("osprey:demonym")), "");
}

TEST(KbSources, AttackBundleGivesTechniquesWithTacticsParentAndRedirects) {
  auto read = read_source(kb_source_dir(), spec("attack:enterprise"), 0);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read.value().version, "18.1");
  EXPECT_EQ(read.value().newest, "2025-11-12");
  const auto& records = read.value().records;
  EXPECT_EQ(named(records, "Operation Example"), nullptr);  // campaigns are not entities
  const SourceRecord* tactic = named(records, "Initial Access");
  ASSERT_NE(tactic, nullptr);
  EXPECT_EQ(tactic->type, EntityType::kTactic);
  EXPECT_EQ(tactic->shortname, "initial-access");
  const SourceRecord* sub = nullptr;
  const SourceRecord* old = nullptr;
  for (const SourceRecord& r : records) {
    if (r.ids.count("attack") && r.ids.at("attack").front() == "T1566.001") sub = &r;
    if (r.ids.count("attack") && r.ids.at("attack").front() == "T1193") old = &r;
  }
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->parent, "uuid:30000000-0000-4000-8000-000000001566");
  EXPECT_EQ(sub->tactics, std::vector<std::string>{"TA0001"});
  EXPECT_TRUE(sub->authoritative);
  ASSERT_NE(old, nullptr);
  EXPECT_TRUE(old->revoked);
  EXPECT_EQ(old->revoked_by, "uuid:30000000-0000-4000-8000-000015660001");
}

TEST(KbSources, AttackBundleKeepsCurrentUsesOnly) {
  auto records = read_records("attack:enterprise");
  const SourceRecord* kimsuky = named(records, "Kimsuky");
  const SourceRecord* apt28 = named(records, "APT28");
  ASSERT_NE(kimsuky, nullptr);
  ASSERT_NE(apt28, nullptr);
  EXPECT_EQ(kimsuky->links.size(), 2u);
  EXPECT_TRUE(apt28->links.empty());  // its one relationship is revoked
  EXPECT_TRUE(contains(kimsuky->synonyms, "APT43"));
  EXPECT_FALSE(contains(kimsuky->synonyms, "Kimsuky"));  // the name is not its own synonym
}

TEST(KbSources, MispActorsKeepCountriesAndLinks) {
  auto records = read_records("misp:threat-actor");
  const SourceRecord* kimsuky = named(records, "Kimsuky");
  ASSERT_NE(kimsuky, nullptr);
  EXPECT_EQ(kimsuky->type, EntityType::kIntrusionSet);
  EXPECT_TRUE(contains(kimsuky->countries, "KP"));
  EXPECT_TRUE(contains(kimsuky->countries, "Korea (Democratic People's Republic of)"));
  EXPECT_TRUE(contains(kimsuky->identity, "uuid:bcaaad6f-0597-4b89-b69b-84a6be2b7bc3"));
  ASSERT_EQ(kimsuky->links.size(), 4u);
  EXPECT_EQ(kimsuky->links[0].predicate, "similar");
  EXPECT_EQ(kimsuky->links[3].target, "uuid:");  // an empty dest-uuid upstream: dangling
  EXPECT_NE(named(records, "APT43"), nullptr);
}

TEST(KbSources, MispAttackMirrorStripsIdSuffixAndUses) {
  auto records = read_records("misp:mitre-intrusion-set");
  const SourceRecord* kimsuky = named(records, "Kimsuky");
  ASSERT_NE(kimsuky, nullptr);
  EXPECT_TRUE(contains(kimsuky->identity, "attack:G0094"));
  ASSERT_EQ(kimsuky->links.size(), 1u);
  EXPECT_EQ(kimsuky->links[0].predicate, "similar");
  const SourceRecord* pencil = named(records, "Stolen Pencil");
  ASSERT_NE(pencil, nullptr);
  EXPECT_TRUE(pencil->revoked);
}

TEST(KbSources, Misp360netSplitsNameAndAptCId) {
  auto records = read_records("misp:360net");
  const SourceRecord* kimsuky = named(records, "Kimsuky");
  ASSERT_NE(kimsuky, nullptr);
  EXPECT_EQ(kimsuky->primary_names, (std::vector<std::string>{"Kimsuky", "APT-C-55"}));
  EXPECT_EQ(kimsuky->ids.at("apt-c"), std::vector<std::string>{"APT-C-55"});
  EXPECT_NE(named(records, "奇幻熊"), nullptr);
}

TEST(KbSources, TidalIdsAreAttackIdsOnlyForMitreEntries) {
  auto records = read_records("misp:tidal-groups");
  const SourceRecord* kimsuky = named(records, "Kimsuky");
  const SourceRecord* anon = named(records, "AnonGhost");
  ASSERT_NE(kimsuky, nullptr);
  ASSERT_NE(anon, nullptr);
  EXPECT_TRUE(contains(kimsuky->identity, "attack:G0094"));
  for (const std::string& key : anon->identity)
    EXPECT_EQ(key.rfind("attack:", 0), std::string::npos);
  EXPECT_TRUE(anon->ids.count("tidal"));
  EXPECT_FALSE(anon->ids.count("misp"));
}

TEST(KbSources, CountriesAreTitleCasedWithIsoCodes) {
  auto records = read_records("misp:country");
  EXPECT_NE(named(records, "North Korea"), nullptr);
  EXPECT_NE(named(records, "United States of America"), nullptr);
  const SourceRecord* gw = named(records, "Guinea-Bissau");
  ASSERT_NE(gw, nullptr);
  EXPECT_TRUE(contains(gw->identity, "iso2:GW"));
  EXPECT_EQ(gw->ids.at("iso3"), std::vector<std::string>{"GNB"});
}

TEST(KbSources, TargetInformationKeepsOnlyCountries) {
  auto records = read_records("misp:target-information");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_TRUE(contains(records[0].synonyms, "DPRK"));
}

TEST(KbSources, RegionsCarryM49CodesAndSubregions) {
  auto records = read_records("misp:region");
  const SourceRecord* asia = named(records, "Asia");
  ASSERT_NE(asia, nullptr);
  EXPECT_TRUE(contains(asia->identity, "m49:142"));
  ASSERT_EQ(asia->links.size(), 2u);
  EXPECT_EQ(asia->links[0].predicate, "subregion");
  EXPECT_EQ(asia->links[0].target, "m49:030");
}

TEST(KbSources, SectorPlaceholdersAreDropped) {
  auto records = read_records("misp:sector");
  EXPECT_EQ(named(records, "Unknown"), nullptr);
  EXPECT_NE(named(records, "Think Tanks"), nullptr);
}

TEST(KbSources, VulnerabilityAliasesBecomeCveIds) {
  auto records = read_records("misp:branded-vulnerability");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].ids.at("cve"), std::vector<std::string>{"CVE-2014-0160"});
  EXPECT_TRUE(records[0].synonyms.empty());
}

TEST(KbSources, CountryTablesJoinByIsoCode) {
  auto metonyms = read_records("osprey:metonym");
  auto demonyms = read_records("osprey:demonym");
  auto names = read_records("osprey:country-name");
  EXPECT_GE(names.size(), 60u);
  auto kp = [](const std::vector<SourceRecord>& records) -> const SourceRecord* {
    for (const SourceRecord& r : records)
      if (contains(r.identity, "iso2:KP")) return &r;
    return nullptr;
  };
  ASSERT_NE(kp(metonyms), nullptr);
  EXPECT_TRUE(contains(kp(metonyms)->synonyms, "Pyongyang"));
  EXPECT_TRUE(kp(metonyms)->primary_names.empty());
  EXPECT_TRUE(contains(kp(demonyms)->synonyms, "North Korean"));
  EXPECT_EQ(kp(names)->primary_names.front(), "North Korea");
  EXPECT_TRUE(contains(kp(names)->synonyms, "DPRK"));
}

TEST(KbSources, MissingFileIsAnError) {
  auto read = read_source(testing::kb_scratch("empty").string(), spec("misp:threat-actor"), 0);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message.find("threat-actor.json"), std::string::npos);
}

}  // namespace
}  // namespace osprey::kb
