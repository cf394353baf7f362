#include "osprey/analyze/story_findings.h"

#include <gtest/gtest.h>

namespace osprey::analyze {
namespace {

Relation uses(double confidence, bool negated = false) {
  Relation r;
  r.predicate = "uses";
  r.subject = {"entity", "intrusion-set", "intrusion-set--apt29", "APT29"};
  r.object = {"entity", "malware", "malware--wineloader", "WINELOADER"};
  r.confidence = confidence;
  r.negated = negated;
  return r;
}

TEST(StoryFindings, MoreOutletsMakeARelationStronger) {
  Findings a, b, c;
  a.relations = {uses(0.6)};
  b.relations = {uses(0.5)};
  c.relations = {uses(0.7)};
  auto once = merge_story_findings({{"one.example", &a}});
  auto thrice =
      merge_story_findings({{"one.example", &a}, {"two.example", &b}, {"three.example", &c}});
  ASSERT_EQ(thrice.relations.size(), 1u);
  EXPECT_EQ(thrice.relations[0].sources, 3);
  EXPECT_NEAR(thrice.relations[0].relation.confidence, 1 - 0.4 * 0.5 * 0.3, 1e-9);
  EXPECT_GT(thrice.relations[0].relation.confidence, once.relations[0].relation.confidence);
  EXPECT_NE(thrice.relations[0].relation.reasons.back().find("3 outlets"), std::string::npos);
}

TEST(StoryFindings, CopiesFromOneOutletCountOnce) {
  Findings a, copy;
  a.relations = {uses(0.6)};
  copy.relations = {uses(0.6)};
  auto merged = merge_story_findings({{"one.example", &a}, {"one.example", &copy}});
  EXPECT_EQ(merged.relations[0].sources, 1);
  EXPECT_NEAR(merged.relations[0].relation.confidence, 0.6, 1e-9);
}

TEST(StoryFindings, NegatedRelationsStayApart) {
  Findings a, b;
  a.relations = {uses(0.6)};
  b.relations = {uses(0.6, true)};
  auto merged = merge_story_findings({{"one.example", &a}, {"two.example", &b}});
  EXPECT_EQ(merged.relations.size(), 2u);
}

TEST(StoryFindings, EntitiesAndObservablesCountSources) {
  Findings a, b;
  Mention m;
  m.id = "intrusion-set--apt29";
  m.name = "APT29";
  m.count = 2;
  m.confidence = 0.8;
  a.entities = {m};
  m.count = 1;
  b.entities = {m};
  Observable o;
  o.type = "domain";
  o.value = "evil.example";
  o.count = 1;
  b.observables = {o};
  auto merged = merge_story_findings({{"one.example", &a}, {"two.example", &b}});
  ASSERT_EQ(merged.entities.size(), 1u);
  EXPECT_EQ(merged.entities[0].sources, 2);
  EXPECT_EQ(merged.entities[0].mention.count, 3u);
  ASSERT_EQ(merged.observables.size(), 1u);
  EXPECT_EQ(merged.observables[0].sources, 1);
  EXPECT_TRUE(merge_story_findings({}).relations.empty());
}

}  // namespace
}  // namespace osprey::analyze
