// Copies: exact, content-farm, and the containment and length thresholds.
#include "osprey/analyze/duplicates.h"

#include <gtest/gtest.h>

namespace osprey::analyze {
namespace {

// n distinct words starting at `from`: "w<from> w<from+1> …".
std::string words(int from, int n, const char* prefix = "w") {
  std::string out;
  for (int i = from; i < from + n; ++i) out.append(prefix).append(std::to_string(i)).append(" ");
  return out;
}

ArticleFingerprint fp_of(const std::string& text) {
  Article a;
  a.text = text;
  return make_fingerprint(a, {});
}

TEST(Duplicates, SameTextAfterNormalisationIsAnExactCopy) {
  auto v = compare_texts(fp_of("Police SEIZE the site. " + words(0, 40)),
                         fp_of("police seize the site " + words(0, 40)));
  EXPECT_TRUE(v.duplicate);
  EXPECT_TRUE(v.exact);
  EXPECT_EQ(v.containment, 1.0);
}

TEST(Duplicates, ContentFarmCopyWithHeadlinesAroundIt) {
  std::string body = words(0, 120);
  std::string copy =
      "Trending now: " + words(0, 60, "j") + body + "Related posts: " + words(100, 60, "j");
  auto v = compare_texts(fp_of(body), fp_of(copy));
  EXPECT_TRUE(v.duplicate) << v.reason;
  EXPECT_FALSE(v.exact);
  EXPECT_GE(v.containment, 0.95);
  EXPECT_LT(v.jaccard, 0.7);  // what plain Jaccard would have missed
}

TEST(Duplicates, ContainmentThresholdJustAboveAndBelow) {
  // 60 words: 58 shingles, all in the sample, so containment is exact.
  std::string original = words(0, 60);
  // Keeps the first 50 words: 48 of 58 shingles (0.83) are in the copy.
  auto above = compare_texts(fp_of(original), fp_of(words(0, 50) + words(0, 30, "x")));
  EXPECT_NEAR(above.containment, 48.0 / 58, 1e-9);
  EXPECT_TRUE(above.duplicate);
  // Keeps the first 46 words: 44 of 58 (0.76).
  auto below = compare_texts(fp_of(original), fp_of(words(0, 46) + words(0, 30, "x")));
  EXPECT_NEAR(below.containment, 44.0 / 58, 1e-9);
  EXPECT_FALSE(below.duplicate);
  // The rule itself: containment ≥ min_containment.
  DuplicateOptions strict;
  strict.min_containment = 48.0 / 58 + 1e-6;
  EXPECT_FALSE(
      compare_texts(fp_of(original), fp_of(words(0, 50) + words(0, 30, "x")), strict).duplicate);
  strict.min_containment = 48.0 / 58;
  EXPECT_TRUE(
      compare_texts(fp_of(original), fp_of(words(0, 50) + words(0, 30, "x")), strict).duplicate);
}

TEST(Duplicates, ShortTextsAreNeverCopies) {
  // 27 words: 25 shingles, the minimum; 26 words: 24.
  EXPECT_TRUE(compare_texts(fp_of(words(0, 27)), fp_of(words(0, 27))).duplicate);
  auto v = compare_texts(fp_of(words(0, 26)), fp_of(words(0, 26)));
  EXPECT_FALSE(v.duplicate);
  EXPECT_FALSE(v.exact);
  EXPECT_FALSE(compare_texts(fp_of(""), fp_of("")).duplicate);
  EXPECT_FALSE(compare_texts(fp_of("Read more."), fp_of("Read more.")).duplicate);
}

TEST(Duplicates, DifferentArticlesAreNotCopies) {
  auto v = compare_texts(fp_of(words(0, 200)), fp_of(words(1000, 200)));
  EXPECT_FALSE(v.duplicate);
  EXPECT_LT(v.containment, 0.05);
}

TEST(Duplicates, TheLongerTextIsCheckedForTheShorterEitherWay) {
  std::string body = words(0, 100);
  std::string copy = words(0, 400, "j") + body;
  EXPECT_TRUE(compare_texts(fp_of(copy), fp_of(body)).duplicate);
  EXPECT_TRUE(compare_texts(fp_of(body), fp_of(copy)).duplicate);
}

}  // namespace
}  // namespace osprey::analyze
