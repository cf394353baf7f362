// Story clustering on the labelled set (tests/fixtures/stories/), with real
// Findings from the extractor and the committed knowledge base: pairwise
// precision and recall of "same story", and every labelled copy found.
#include "osprey/analyze/cluster_evaluation.h"

#include <gtest/gtest.h>

#include "committed_kb.h"
#include "support.h"

namespace osprey::analyze {
namespace {

Findings findings(std::string_view text) {
  Findings f = osprey::testing::extract(text);
  f.entities = osprey::testing::committed_matcher().match(text);
  return f;
}

std::string report(const ClusterEvaluation& e) {
  std::string out;
  for (const std::string& line : e.errors) out += line + "\n";
  return out;
}

TEST(ClusterEvaluation, ParsesUtcTimes) {
  EXPECT_EQ(parse_utc("1970-01-01T00:00:00Z").value(), 0);
  EXPECT_EQ(parse_utc("2024-02-29T12:00:00Z").value(), 1709208000);
  EXPECT_FALSE(parse_utc("2024-02-29 12:00:00").ok());
  EXPECT_FALSE(parse_utc("2024-13-01T00:00:00Z").ok());
}

TEST(ClusterEvaluation, LabelledStoriesAndCopies) {
  auto articles = read_labelled_articles(OSPREY_FIXTURES "/stories/eval.jsonl");
  ASSERT_TRUE(articles.ok()) << articles.error().message;
  ASSERT_GE(articles.value().size(), 70u);
  ClusterEvaluation e = evaluate_clustering(std::move(articles).value(), findings);
  EXPECT_GE(e.precision, 0.9) << report(e);
  EXPECT_GE(e.recall, 0.8) << report(e);
  EXPECT_GE(e.labelled_copies, 6u);
  EXPECT_EQ(e.copies_found, e.labelled_copies) << report(e);
  EXPECT_EQ(e.copies_wrong, 0u) << report(e);
  std::printf("pairwise precision %.3f recall %.3f F1 %.3f; copies %llu/%llu, wrong %llu\n",
              e.precision, e.recall, e.f1, static_cast<unsigned long long>(e.copies_found),
              static_cast<unsigned long long>(e.labelled_copies),
              static_cast<unsigned long long>(e.copies_wrong));
}

// Written after the thresholds were set, and never used to tune them.
TEST(ClusterEvaluation, HeldOutStoriesAndCopies) {
  auto articles = read_labelled_articles(OSPREY_FIXTURES "/stories/holdout.jsonl");
  ASSERT_TRUE(articles.ok()) << articles.error().message;
  ClusterEvaluation e = evaluate_clustering(std::move(articles).value(), findings);
  EXPECT_GE(e.precision, 0.9) << report(e);
  EXPECT_GE(e.recall, 0.8) << report(e);
  EXPECT_EQ(e.copies_found, e.labelled_copies) << report(e);
  EXPECT_EQ(e.copies_wrong, 0u) << report(e);
}

}  // namespace
}  // namespace osprey::analyze
