// The knowledge base committed under kb/ (OSPREY_KB_DIR): the facts the
// rest of Osprey relies on, the file limits, and the load budget.
#include <gtest/gtest.h>

#include <filesystem>

#include "kb/kb_support.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

const KnowledgeBase& committed() {
  static const KnowledgeBase base = [] {
    auto loaded = KnowledgeBase::load(OSPREY_KB_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().message;
      return KnowledgeBase(KbContents{});
    }
    return std::move(loaded).value();
  }();
  return base;
}

const Entity* by_id(std::string_view id) {
  return committed().find(id);
}

// Load time is measured in bench/ (BM_KbLoad), not asserted here.
TEST(KbCommitted, Loads) {
  auto loaded = KnowledgeBase::load(OSPREY_KB_DIR);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_GT(loaded.value().entities().size(), 10000u);
}

TEST(KbCommitted, FilesStayUnder8MiB) {
  for (const auto& entry : std::filesystem::directory_iterator(OSPREY_KB_DIR))
    EXPECT_LE(std::filesystem::file_size(entry), kMaxFileBytes) << entry.path();
}

TEST(KbCommitted, EveryTypeIsPresent) {
  for (EntityType type : kAllEntityTypes) EXPECT_GT(committed().count(type), 0u) << type_name(type);
  EXPECT_GT(committed().count(EntityType::kIntrusionSet), 1000u);
  EXPECT_GT(committed().count(EntityType::kAttackPattern), 1000u);
}

TEST(KbCommitted, Apt43AndKimsukyAreDistinctIntrusionSets) {
  auto apt43 = committed().lookup("APT43");
  auto kimsuky = committed().lookup("Kimsuky");
  ASSERT_FALSE(apt43.empty());
  ASSERT_FALSE(kimsuky.empty());
  EXPECT_EQ(apt43[0].entity->name, "APT43");
  EXPECT_EQ(apt43[0].entity->type, EntityType::kIntrusionSet);
  EXPECT_EQ(kimsuky[0].entity->type, EntityType::kIntrusionSet);
  EXPECT_NE(apt43[0].entity, kimsuky[0].entity);
  EXPECT_EQ(kimsuky[0].entity, by_id("G0094"));
  EXPECT_TRUE(testing::has_relation(committed(), kimsuky[0].entity->id, "claims-name-of",
                                    apt43[0].entity->id));
}

TEST(KbCommitted, ThalliumResolvesAsTheDataSays) {
  auto matches = committed().lookup("Thallium");
  ASSERT_FALSE(matches.empty());
  size_t claimants = 0;
  for (const Entity& e : committed().entities())
    for (const Alias& a : e.aliases)
      if (a.name == "Thallium" || a.name == "THALLIUM") ++claimants;
  EXPECT_EQ(matches.size(), claimants);
  EXPECT_EQ(matches[0].entity, by_id("G0094"));
}

TEST(KbCommitted, GrizzlySteppeBelongsToApt28AndApt29) {
  auto matches = committed().lookup("Grizzly Steppe");
  std::vector<const Entity*> entities;
  for (const Match& m : matches) entities.push_back(m.entity);
  EXPECT_NE(std::find(entities.begin(), entities.end(), by_id("G0007")), entities.end());
  EXPECT_NE(std::find(entities.begin(), entities.end(), by_id("G0016")), entities.end());
  EXPECT_NE(by_id("G0007"), by_id("G0016"));
  EXPECT_TRUE(committed().is_ambiguous("Grizzly Steppe"));
}

TEST(KbCommitted, TechniqueParentAndTactic) {
  const Entity* sub = by_id("T1566.001");
  const Entity* phishing = by_id("T1566");
  ASSERT_NE(sub, nullptr);
  ASSERT_NE(phishing, nullptr);
  EXPECT_EQ(sub->parent, phishing->id);
  ASSERT_EQ(sub->tactics.size(), 1u);
  const Entity* tactic = by_id(sub->tactics[0]);
  ASSERT_NE(tactic, nullptr);
  EXPECT_EQ(tactic->shortname, "initial-access");
  EXPECT_EQ(sub->tactics[0], "TA0001");
}

TEST(KbCommitted, RevokedTechniquesRedirect) {
  const Entity* old = by_id("T1193");  // Spearphishing Attachment before sub-techniques
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(&committed().current(*old), by_id("T1566.001"));
}

TEST(KbCommitted, CountriesByNameDemonymAndCapital) {
  for (const char* name : {"Pyongyang", "North Korean", "DPRK", "North Korea"}) {
    auto matches = committed().lookup(name);
    ASSERT_FALSE(matches.empty()) << name;
    EXPECT_EQ(matches[0].entity, by_id("KP")) << name;
  }
  EXPECT_EQ(committed().lookup("Kremlin").at(0).entity, by_id("RU"));
  EXPECT_EQ(committed().lookup("Tehran").at(0).entity, by_id("IR"));
}

TEST(KbCommitted, ActorsCarrySponsorCountries) {
  const Entity* kimsuky = by_id("G0094");
  ASSERT_NE(kimsuky, nullptr);
  ASSERT_FALSE(kimsuky->countries.empty());
  EXPECT_EQ(kimsuky->countries[0].code, "KP");
}

}  // namespace
}  // namespace osprey::kb
