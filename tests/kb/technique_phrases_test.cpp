// The phrasing table's spelling groups, and the table itself: every row
// expands to clean spellings of a technique the committed knowledge base
// knows.
#include "osprey/kb/technique_phrases.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "osprey/kb/knowledge_base.h"

namespace osprey::kb {
namespace {

using Spellings = std::vector<std::string>;

TEST(TechniquePhrases, GroupsExpandToEveryAlternativeInOrder) {
  EXPECT_EQ(phrase_spellings("{stop|stopped} services"),
            (Spellings{"stop services", "stopped services"}));
  EXPECT_EQ(phrase_spellings("{dump|dumped} {the |}hashes"),
            (Spellings{"dump the hashes", "dump hashes", "dumped the hashes", "dumped hashes"}));
  EXPECT_EQ(phrase_spellings("over SSH"), (Spellings{"over SSH"}));
}

TEST(TechniquePhrases, AnUnclosedGroupIsKeptAsWritten) {
  EXPECT_EQ(phrase_spellings("a {b"), (Spellings{"a {b"}));
  EXPECT_EQ(phrase_spellings("{a|b} {c"), (Spellings{"a {c", "b {c"}));
}

TEST(TechniquePhrases, EveryRowSpellsCleanPhrasesOfAKnownTechnique) {
  auto kb = KnowledgeBase::load(OSPREY_KB_DIR);
  ASSERT_TRUE(kb.ok());
  size_t spellings = 0;
  for (const TechniquePhrase& p : technique_phrases()) {
    const Entity* technique = kb.value().find(p.technique);
    ASSERT_NE(technique, nullptr) << p.technique;
    EXPECT_EQ(technique->type, EntityType::kAttackPattern) << p.technique;
    for (const std::string& s : phrase_spellings(p.text)) {
      ++spellings;
      EXPECT_EQ(s.find_first_of("{}|"), std::string::npos) << p.text;
      EXPECT_EQ(s.find("  "), std::string::npos) << s;
      EXPECT_FALSE(s.empty() || s.front() == ' ' || s.back() == ' ') << '"' << s << '"';
    }
  }
  EXPECT_GT(spellings, technique_phrases().size());
}

}  // namespace
}  // namespace osprey::kb
