// The knowledge base committed under kb/ (OSPREY_KB_DIR): the facts the
// rest of Osprey relies on, the file limits, and the load budget.
#include "committed_kb.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "kb/kb_support.h"
#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

using testing::committed_kb;

const Entity* committed_entity(std::string_view id) {
  return committed_kb().find(id);
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
  for (EntityType type : kAllEntityTypes)
    EXPECT_GT(committed_kb().count(type), 0u) << type_name(type);
  EXPECT_GT(committed_kb().count(EntityType::kIntrusionSet), 1000u);
  EXPECT_GT(committed_kb().count(EntityType::kAttackPattern), 1000u);
}

TEST(KbCommitted, Apt43AndKimsukyAreDistinctIntrusionSets) {
  auto apt43 = committed_kb().lookup("APT43");
  auto kimsuky = committed_kb().lookup("Kimsuky");
  ASSERT_FALSE(apt43.empty());
  ASSERT_FALSE(kimsuky.empty());
  EXPECT_EQ(apt43[0].entity->name, "APT43");
  EXPECT_EQ(apt43[0].entity->type, EntityType::kIntrusionSet);
  EXPECT_EQ(kimsuky[0].entity->type, EntityType::kIntrusionSet);
  EXPECT_NE(apt43[0].entity, kimsuky[0].entity);
  EXPECT_EQ(kimsuky[0].entity, committed_entity("G0094"));
  EXPECT_TRUE(testing::has_relation(committed_kb(), kimsuky[0].entity->id, "claims-name-of",
                                    apt43[0].entity->id));
}

TEST(KbCommitted, ThalliumResolvesAsTheDataSays) {
  auto matches = committed_kb().lookup("Thallium");
  ASSERT_FALSE(matches.empty());
  size_t claimants = 0;
  for (const Entity& e : committed_kb().entities())
    for (const Alias& a : e.aliases)
      if (a.name == "Thallium" || a.name == "THALLIUM") ++claimants;
  EXPECT_EQ(matches.size(), claimants);
  EXPECT_EQ(matches[0].entity, committed_entity("G0094"));
}

TEST(KbCommitted, GrizzlySteppeBelongsToApt28AndApt29) {
  auto matches = committed_kb().lookup("Grizzly Steppe");
  std::vector<const Entity*> entities;
  for (const Match& m : matches) entities.push_back(m.entity);
  EXPECT_NE(std::find(entities.begin(), entities.end(), committed_entity("G0007")), entities.end());
  EXPECT_NE(std::find(entities.begin(), entities.end(), committed_entity("G0016")), entities.end());
  EXPECT_NE(committed_entity("G0007"), committed_entity("G0016"));
  EXPECT_TRUE(committed_kb().is_ambiguous("Grizzly Steppe"));
}

TEST(KbCommitted, TechniqueParentAndTactic) {
  const Entity* sub = committed_entity("T1566.001");
  const Entity* phishing = committed_entity("T1566");
  ASSERT_NE(sub, nullptr);
  ASSERT_NE(phishing, nullptr);
  EXPECT_EQ(sub->parent, phishing->id);
  ASSERT_EQ(sub->tactics.size(), 1u);
  const Entity* tactic = committed_entity(sub->tactics[0]);
  ASSERT_NE(tactic, nullptr);
  EXPECT_EQ(tactic->shortname, "initial-access");
  EXPECT_EQ(sub->tactics[0], "TA0001");
}

TEST(KbCommitted, RevokedTechniquesRedirect) {
  const Entity* old = committed_entity("T1193");  // Spearphishing Attachment before sub-techniques
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(&committed_kb().current(*old), committed_entity("T1566.001"));
}

TEST(KbCommitted, CountriesByNameDemonymAndCapital) {
  for (const char* name : {"Pyongyang", "North Korean", "DPRK", "North Korea"}) {
    auto matches = committed_kb().lookup(name);
    ASSERT_FALSE(matches.empty()) << name;
    EXPECT_EQ(matches[0].entity, committed_entity("KP")) << name;
  }
  EXPECT_EQ(committed_kb().lookup("Kremlin").at(0).entity, committed_entity("RU"));
  EXPECT_EQ(committed_kb().lookup("Tehran").at(0).entity, committed_entity("IR"));
}

TEST(KbCommitted, ActorsCarrySponsorCountries) {
  const Entity* kimsuky = committed_entity("G0094");
  ASSERT_NE(kimsuky, nullptr);
  ASSERT_FALSE(kimsuky->countries.empty());
  EXPECT_EQ(kimsuky->countries[0].code, "KP");
}

}  // namespace
}  // namespace osprey::kb
