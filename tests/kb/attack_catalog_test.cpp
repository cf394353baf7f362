// The enterprise ATT&CK catalogue the web UI's matrix reads: which
// techniques it keeps, their tactics by shortname and their parents, on a
// hand-made knowledge base and on the one built from the upstream fixtures.
#include "osprey/kb/attack_catalog.h"

#include <gtest/gtest.h>

#include "kb/kb_support.h"

namespace osprey::kb {
namespace {

Entity entity(std::string id, EntityType type, std::string name, std::string attack,
              Sources sources) {
  Entity e;
  e.id = std::move(id);
  e.type = type;
  e.name = name;
  e.aliases.push_back({name, sources});
  if (!attack.empty()) e.ids["attack"] = {attack};
  e.sources = std::move(sources);
  return e;
}

Entity tactic(std::string id, std::string attack, std::string shortname, std::string source) {
  Entity e = entity(std::move(id), EntityType::kTactic, shortname, std::move(attack), {source});
  e.shortname = std::move(shortname);
  return e;
}

Entity technique(std::string id, std::string attack, std::string name,
                 std::vector<std::string> tactics, Sources sources = {"attack:enterprise"}) {
  Entity e = entity(std::move(id), EntityType::kAttackPattern, std::move(name), std::move(attack),
                    std::move(sources));
  e.tactics = std::move(tactics);
  return e;
}

KnowledgeBase sample() {
  KbContents c;
  Entity phishing = technique("attack-pattern--p", "T1566", "Phishing", {"TA0001"});
  Entity attachment =
      technique("attack-pattern--pa", "T1566.001", "Spearphishing Attachment", {"TA0001"});
  attachment.parent = "attack-pattern--p";
  // In two enterprise tactics and one mobile tactic the matrix does not draw.
  Entity task = technique("attack-pattern--st", "T1053", "Scheduled Task/Job",
                          {"TA0003", "TA0002", "TA0028"});
  Entity mobile_only =
      technique("attack-pattern--m", "T1603", "Scheduled Task/Job", {"TA0028"}, {"attack:mobile"});
  Entity revoked =
      technique("attack-pattern--old", "T1193", "Spearphishing Attachment", {"TA0001"});
  revoked.revoked_by = "attack-pattern--pa";
  Entity deprecated = technique("attack-pattern--dep", "T1000", "Gone", {"TA0002"});
  deprecated.deprecated = true;
  Entity no_id = technique("attack-pattern--x", "", "No ATT&CK id", {"TA0002"});
  Entity both = technique("attack-pattern--both", "T1078", "Valid Accounts", {"TA0001"},
                          {"attack:enterprise", "attack:ics"});
  c.entities = {phishing,
                attachment,
                task,
                mobile_only,
                revoked,
                deprecated,
                no_id,
                both,
                tactic("tactic--ia", "TA0001", "initial-access", "attack:enterprise"),
                tactic("tactic--ex", "TA0002", "execution", "attack:enterprise"),
                tactic("tactic--pe", "TA0003", "persistence", "attack:enterprise"),
                tactic("tactic--mp", "TA0028", "persistence", "attack:mobile")};
  return KnowledgeBase(std::move(c));
}

std::vector<std::string> ids(const std::vector<AttackTechnique>& all) {
  std::vector<std::string> out;
  for (const auto& t : all) out.push_back(t.attack_id);
  return out;
}

TEST(AttackCatalog, KeepsCurrentEnterpriseTechniquesSortedByAttackId) {
  KnowledgeBase base = sample();
  EXPECT_EQ(ids(enterprise_techniques(base)),
            (std::vector<std::string>{"T1053", "T1078", "T1566", "T1566.001"}));
}

TEST(AttackCatalog, TacticsAreEnterpriseShortnamesAndParentsAttackIds) {
  KnowledgeBase base = sample();
  auto all = enterprise_techniques(base);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].tactics, (std::vector<std::string>{"persistence", "execution"}));
  EXPECT_EQ(all[0].parent, "");
  EXPECT_EQ(all[3].attack_id, "T1566.001");
  EXPECT_EQ(all[3].parent, "T1566");
  EXPECT_EQ(all[3].entity_id, "attack-pattern--pa");
  EXPECT_EQ(all[3].tactics, (std::vector<std::string>{"initial-access"}));
}

TEST(AttackCatalog, JsonHasNullForATechniqueWithoutParent) {
  KnowledgeBase base = sample();
  nlohmann::json j = to_json(enterprise_techniques(base));
  ASSERT_EQ(j.size(), 4u);
  EXPECT_TRUE(j[2]["parent"].is_null());
  EXPECT_EQ(j[2]["id"], "T1566");
  EXPECT_EQ(j[2]["name"], "Phishing");
  EXPECT_EQ(j[3]["parent"], "T1566");
  EXPECT_EQ(j[3]["tactics"], nlohmann::json::array({"initial-access"}));
  EXPECT_EQ(j[3]["entity"], "attack-pattern--pa");
}

TEST(AttackCatalog, AnEmptyKnowledgeBaseHasNoTechniques) {
  KnowledgeBase base{KbContents{}};
  EXPECT_TRUE(enterprise_techniques(base).empty());
  EXPECT_EQ(to_json(enterprise_techniques(base)), nlohmann::json::array());
}

TEST(AttackCatalog, BuiltFromTheUpstreamFixture) {
  auto all = enterprise_techniques(testing::fixture_kb());
  EXPECT_EQ(ids(all), (std::vector<std::string>{"T1059", "T1566", "T1566.001"}));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].parent, "T1566");
  EXPECT_EQ(all[2].tactics, (std::vector<std::string>{"initial-access"}));
  EXPECT_EQ(all[0].tactics, (std::vector<std::string>{"execution"}));
}

}  // namespace
}  // namespace osprey::kb
