// The in-memory knowledge base: lookups, their order, ambiguity, ids and
// redirects, on a small hand-made KbContents.
#include "osprey/kb/knowledge_base.h"

#include <gtest/gtest.h>

namespace osprey::kb {
namespace {

Entity entity(std::string id, EntityType type, std::string name, std::vector<Alias> more = {}) {
  Entity e;
  e.id = std::move(id);
  e.type = type;
  e.name = name;
  e.aliases.push_back({name, {"test:a"}});
  for (Alias& a : more) e.aliases.push_back(std::move(a));
  return e;
}

KnowledgeBase sample_kb() {
  KbContents c;
  Entity kimsuky = entity("intrusion-set--k", EntityType::kIntrusionSet, "Kimsuky",
                          {{"APT43", {"test:a", "test:b"}}, {"Thallium", {"test:a"}}});
  kimsuky.ids["attack"] = {"G0094"};
  kimsuky.ids["misp"] = {"bcaaad6f-0597-4b89-b69b-84a6be2b7bc3"};
  Entity apt43 = entity("intrusion-set--a", EntityType::kIntrusionSet, "APT43");
  Entity opal =
      entity("intrusion-set--o", EntityType::kIntrusionSet, "Opal Sleet", {{"APT43", {"test:c"}}});
  Entity pencil = entity("intrusion-set--p", EntityType::kIntrusionSet, "Stolen Pencil",
                         {{"Thallium", {"test:a"}}});
  pencil.revoked_by = "intrusion-set--k";
  Entity kp = entity("location--kp", EntityType::kLocation, "North Korea",
                     {{"Pyongyang", {"osprey:metonym"}}});
  kp.ids["iso2"] = {"KP"};
  Entity east_asia = entity("location--030", EntityType::kLocation, "Eastern Asia");
  east_asia.ids["m49"] = {"030"};
  Entity loop_a = entity("tool--la", EntityType::kTool, "Loop A");
  Entity loop_b = entity("tool--lb", EntityType::kTool, "Loop B");
  loop_a.revoked_by = "tool--lb";
  loop_b.revoked_by = "tool--la";
  c.entities = {kimsuky, apt43, opal, pencil, kp, loop_a, loop_b, east_asia};
  c.relations = {{"intrusion-set--k", "claims-name-of", "intrusion-set--a", {"test:a"}},
                 {"intrusion-set--k", "similar", "intrusion-set--o", {"test:b"}}};
  c.manifest.built = "2025-01-02";
  return KnowledgeBase(std::move(c));
}

std::vector<std::string> ids(const std::vector<Match>& matches) {
  std::vector<std::string> out;
  for (const Match& m : matches) out.push_back(m.entity->id);
  return out;
}

TEST(KbKnowledgeBase, CanonicalNameFirstThenAliasesByHowManySourcesGiveThem) {
  KnowledgeBase kb = sample_kb();
  auto matches = kb.lookup("apt43");
  EXPECT_EQ(ids(matches),
            (std::vector<std::string>{"intrusion-set--a", "intrusion-set--k", "intrusion-set--o"}));
  EXPECT_EQ(matches[0].kind, MatchKind::kName);
  EXPECT_EQ(matches[1].kind, MatchKind::kAlias);
  EXPECT_EQ(matches[1].alias->name, "APT43");
  EXPECT_TRUE(kb.is_ambiguous("APT43"));
  EXPECT_FALSE(kb.is_ambiguous("Kimsuky"));
}

TEST(KbKnowledgeBase, RevokedEntriesComeLastAndCountOnceForAmbiguity) {
  KnowledgeBase kb = sample_kb();
  auto matches = kb.lookup("THALLIUM");
  EXPECT_EQ(ids(matches), (std::vector<std::string>{"intrusion-set--k", "intrusion-set--p"}));
  EXPECT_FALSE(kb.is_ambiguous("Thallium"));  // the old entry redirects to Kimsuky
  EXPECT_EQ(kb.current(*matches[1].entity).id, "intrusion-set--k");
}

TEST(KbKnowledgeBase, RedirectLoopsEnd) {
  KnowledgeBase kb = sample_kb();
  const Entity* a = kb.find("tool--la");
  ASSERT_NE(a, nullptr);
  const Entity& end = kb.current(*a);
  EXPECT_TRUE(end.id == "tool--la" || end.id == "tool--lb");
}

TEST(KbKnowledgeBase, LooseKeyIsTheFallback) {
  KnowledgeBase kb = sample_kb();
  auto matches = kb.lookup("Apt 43");
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].kind, MatchKind::kLoose);
  EXPECT_TRUE(kb.lookup("nothing like it").empty());
}

TEST(KbKnowledgeBase, IdsFindTheirEntity) {
  KnowledgeBase kb = sample_kb();
  ASSERT_NE(kb.find("g0094"), nullptr);
  EXPECT_EQ(kb.find("G0094")->name, "Kimsuky");
  EXPECT_EQ(kb.find("BCAAAD6F-0597-4b89-b69b-84a6be2b7bc3")->name, "Kimsuky");
  EXPECT_EQ(kb.find("kp")->name, "North Korea");
  EXPECT_EQ(kb.find("intrusion-set--a")->name, "APT43");
  EXPECT_EQ(kb.find("G9999"), nullptr);
  auto matches = kb.lookup("G0094");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].kind, MatchKind::kId);
  EXPECT_EQ(matches[0].alias, nullptr);
  EXPECT_EQ(kb.lookup("Pyongyang").at(0).entity->id, "location--kp");
}

TEST(KbKnowledgeBase, GalaxyValuesWithAnAttackIdFindTheirEntry) {
  KnowledgeBase kb = sample_kb();
  auto matches = kb.lookup("Kimsuky - G0094");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].entity->id, "intrusion-set--k");
  EXPECT_EQ(matches[0].kind, MatchKind::kAlias);
  EXPECT_EQ(ids(kb.lookup("Thallium - G0094")), (std::vector<std::string>{"intrusion-set--k"}));
  EXPECT_TRUE(kb.lookup("Opal Sleet - G0094").empty());  // the id is another entry's
  EXPECT_TRUE(kb.lookup("Kimsuky - G9999").empty());
  EXPECT_TRUE(kb.lookup("Kimsuky - Thallium").empty());
  EXPECT_EQ(ids(kb.lookup("030 - Eastern Asia")), (std::vector<std::string>{"location--030"}));
  EXPECT_TRUE(kb.lookup("031 - Eastern Asia").empty());
}

TEST(KbKnowledgeBase, RelationsBothWays) {
  KnowledgeBase kb = sample_kb();
  EXPECT_EQ(kb.relations_from("intrusion-set--k").size(), 2u);
  ASSERT_EQ(kb.relations_to("intrusion-set--a").size(), 1u);
  EXPECT_EQ(kb.relations_to("intrusion-set--a")[0]->predicate, "claims-name-of");
  EXPECT_TRUE(kb.relations_from("nothing").empty());
}

TEST(KbKnowledgeBase, CountsAndNames) {
  KnowledgeBase kb = sample_kb();
  EXPECT_EQ(kb.count(EntityType::kIntrusionSet), 4u);
  EXPECT_EQ(kb.count(EntityType::kMalware), 0u);
  EXPECT_EQ(kb.ambiguous_name_count(), 1u);  // APT43
  EXPECT_EQ(kb.manifest().built, "2025-01-02");
}

}  // namespace
}  // namespace osprey::kb
