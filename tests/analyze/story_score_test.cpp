// The join rule of story_score.h at its thresholds, on hand-made profiles.
#include "osprey/analyze/story_score.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "osprey/analyze/memory_story_index.h"

namespace osprey::analyze {
namespace {

constexpr int64_t kWeek = 7 * 86400;

// A one-article story with these terms, each with IDF `idf`.
Story story_of(const std::vector<KeyTerm>& terms, float idf = 4) {
  Story s;
  s.id = 1;
  s.articles = 1;
  for (const KeyTerm& t : terms)
    s.terms.push_back(StoryTerm{t.key, term_hash(t.key), 1, t.in_title ? 1u : 0u, idf, t.kind});
  std::sort(s.terms.begin(), s.terms.end(),
            [](const auto& a, const auto& b) { return a.hash < b.hash; });
  update_content_norm(s, {});
  return s;
}

KeyTerm word(const std::string& w) {
  return KeyTerm{"w:" + w, TermKind::kWord, false};
}
KeyTerm actor(const std::string& id) {
  return KeyTerm{"e:" + id, TermKind::kStrongEntity, false};
}

ArticleProfile profile_of(ArticleFingerprint& fp, MemoryStoryIndex& index) {
  return profile_article(fp, index, {});
}

TEST(StoryScore, ContentIsTheCosineOfWeightedTerms) {
  MemoryStoryIndex index;  // empty: every term has the same IDF
  ArticleFingerprint fp;
  fp.terms = {word("police"), word("seiz"), word("lockbit"), word("server")};
  auto profile = profile_of(fp, index);
  Story same = story_of(fp.terms, static_cast<float>(profile.terms[0].idf));
  auto s = score_story(profile, same, 0, kWeek, {});
  EXPECT_NEAR(s.content, 1.0, 1e-6);
  Story half = story_of({word("police"), word("seiz"), word("other"), word("thing")},
                        static_cast<float>(profile.terms[0].idf));
  EXPECT_NEAR(score_story(profile, half, 0, kWeek, {}).content, 0.5, 1e-6);
}

TEST(StoryScore, MinContentJustAboveAndBelow) {
  MemoryStoryIndex index;
  ArticleFingerprint fp;
  fp.terms = {word("police"), word("seiz"), word("lockbit"), word("server")};
  auto profile = profile_of(fp, index);
  Story half = story_of({word("police"), word("seiz"), word("other"), word("thing")},
                        static_cast<float>(profile.terms[0].idf));
  StoryScoreOptions o;
  o.join_threshold = 0;
  o.min_content = 0.5 - 1e-6;
  EXPECT_TRUE(score_story(profile, half, 0, kWeek, o).joins);
  o.min_content = 0.5 + 1e-6;
  EXPECT_FALSE(score_story(profile, half, 0, kWeek, o).joins);
}

TEST(StoryScore, JoinThresholdJustAboveAndBelow) {
  MemoryStoryIndex index;
  ArticleFingerprint fp;
  fp.terms = {word("police"), word("seiz"), word("lockbit"), word("server"), actor("lockbit")};
  auto profile = profile_of(fp, index);
  Story half =
      story_of({word("police"), word("seiz"), word("other"), word("thing"), actor("lockbit")},
               static_cast<float>(profile.terms[0].idf));
  StoryScoreOptions o;
  o.min_content = 0;
  auto s = score_story(profile, half, 0, kWeek, o);
  // total = content_weight · 0.5 + entity_weight · entities; the one actor is
  // unseen, so rare: entities = 1.
  EXPECT_NEAR(s.entities, 1.0, 1e-9);
  EXPECT_NEAR(s.total, o.content_weight * 0.5 + o.entity_weight, 1e-6);
  o.join_threshold = s.total - 1e-6;
  EXPECT_TRUE(score_story(profile, half, 0, kWeek, o).joins);
  o.join_threshold = s.total + 1e-6;
  EXPECT_FALSE(score_story(profile, half, 0, kWeek, o).joins);
}

TEST(StoryScore, SharedNamesWithoutSharedContentNeverJoin) {
  MemoryStoryIndex index;
  ArticleFingerprint fp;
  fp.terms = {word("sanction"), word("reward"), actor("lockbit"), actor("evil-corp"),
              KeyTerm{"i:cve:CVE-2024-1", TermKind::kIndicator, false}};
  auto profile = profile_of(fp, index);
  Story other = story_of({word("police"), word("seiz"), actor("lockbit"), actor("evil-corp"),
                          KeyTerm{"i:cve:CVE-2024-1", TermKind::kIndicator, false}});
  auto s = score_story(profile, other, 0, kWeek, {});
  EXPECT_GT(s.entities, 0.99);
  EXPECT_EQ(s.content, 0);
  EXPECT_FALSE(s.joins);
}

TEST(StoryScore, CommonNamesWeighLessThanRareOnes) {
  MemoryStoryIndex index;
  // 500 indexed articles name the actor; none names the CVE.
  ArticleFingerprint common;
  common.terms = {actor("lockbit")};
  for (int i = 0; i < 500; ++i) index.index_article(i + 1, 1, common, {});
  ArticleFingerprint fp;
  fp.terms = {actor("lockbit"), KeyTerm{"i:cve:CVE-2024-1", TermKind::kIndicator, false}};
  auto profile = profile_article(fp, index, {});
  Story by_actor = story_of({actor("lockbit")});
  Story by_cve = story_of({KeyTerm{"i:cve:CVE-2024-1", TermKind::kIndicator, false}});
  double actor_only = score_story(profile, by_actor, 0, kWeek, {}).entities;
  double cve_only = score_story(profile, by_cve, 0, kWeek, {}).entities;
  EXPECT_LT(actor_only, 0.5);
  EXPECT_GT(cve_only, 0.9);
}

TEST(StoryScore, TimeDecaysWithinTheWindowAndStopsAtIt) {
  MemoryStoryIndex index;
  ArticleFingerprint fp;
  fp.terms = {word("police"), word("seiz")};
  auto profile = profile_of(fp, index);
  Story same = story_of(fp.terms, static_cast<float>(profile.terms[0].idf));
  StoryScoreOptions o;
  EXPECT_NEAR(score_story(profile, same, 0, kWeek, o).time, 1.0, 1e-9);
  EXPECT_NEAR(score_story(profile, same, kWeek, kWeek, o).time, 1 - o.time_decay, 1e-9);
  auto beyond = score_story(profile, same, kWeek + 1, kWeek, o);
  EXPECT_FALSE(beyond.joins);
  EXPECT_EQ(beyond.total, 0);
}

}  // namespace
}  // namespace osprey::analyze
