#include "osprey/export/summary.h"

#include <gtest/gtest.h>

#include "export/export_fixture.h"

namespace osprey::exporting {
namespace {

ExportArticle text_article(std::string text) {
  ExportArticle a;
  a.article.text = std::move(text);
  return a;
}

// Marks `name` as an entity mention wherever it first occurs in the text.
void mention(ExportArticle& a, const std::string& name) {
  Mention m;
  m.type = "intrusion-set";
  m.id = "intrusion-set--" + name;
  m.name = name;
  size_t at = a.article.text.find(name);
  ASSERT_NE(at, std::string::npos) << name;
  m.spans.push_back({at, at + name.size()});
  a.findings.entities.push_back(m);
}

std::vector<std::string> texts(const std::vector<SummarySentence>& sentences) {
  std::vector<std::string> out;
  for (const SummarySentence& s : sentences) out.push_back(s.text);
  return out;
}

TEST(Summary, KeepsOnlyProseSentences) {
  ExportArticle a = text_article(
      "Initial access\n"
      "The group sent phishing emails with a malicious archive to port authorities.\n"
      "Too short here.\n"
      "Subscribe to our newsletter to get these reports by email every morning.\n"
      "This site uses cookies to measure how readers move through its pages.\n"
      "Indicators: hxxps://evil[.]example/a 45.77.13.201 3f79bb7b435b05321651daefd374cdc6 "
      "badfile.exe 10.0.0.1 evil2[.]example.\n"
      "This sentence has no final punctuation although it is long enough to count\n");
  std::vector<const ExportArticle*> articles = {&a};
  EXPECT_EQ(texts(summary_candidates(articles)),
            std::vector<std::string>{
                "The group sent phishing emails with a malicious archive to port authorities."});
}

TEST(Summary, DropsRunOnSentences) {
  std::string long_sentence = "The campaign";
  for (int i = 0; i < 60; ++i) long_sentence += " continued";
  ExportArticle a = text_article(long_sentence + ".");
  EXPECT_TRUE(summary_candidates({&a}).empty());
  SummaryOptions wide;
  wide.max_words = 100;
  EXPECT_EQ(summary_candidates({&a}, wide).size(), 1u);
}

TEST(Summary, ScoresCentralityFindingsAndLead) {
  ExportArticle a = text_article(
      "The weather in the harbour city was mild and sunny during the whole week. "
      "Harbor Wraith attacked shipping companies with a new loader called TideRunner. "
      "The shipping companies said the loader stole shipping manifests from their servers.");
  ExportArticle b = text_article(
      "Shipping companies were attacked by a loader that steals shipping manifests. "
      "Officials said the investigation continues at several of the companies.");
  mention(a, "Harbor Wraith");
  mention(a, "TideRunner");
  const auto all = summary_candidates({&a, &b});
  ASSERT_EQ(all.size(), 5u);
  // The lead bonus goes to each article's first two candidates.
  EXPECT_DOUBLE_EQ(all[0].lead, kLeadBonus[0]);
  EXPECT_DOUBLE_EQ(all[1].lead, kLeadBonus[1]);
  EXPECT_DOUBLE_EQ(all[2].lead, 0);
  EXPECT_EQ(all[3].article, 1u);
  EXPECT_DOUBLE_EQ(all[3].lead, kLeadBonus[0]);
  // Two entities named: two finding bonuses.
  EXPECT_DOUBLE_EQ(all[1].findings, 2 * kFindingBonus);
  EXPECT_DOUBLE_EQ(all[0].findings, 0);
  // The weather shares no content word with the rest: no centrality.
  EXPECT_DOUBLE_EQ(all[0].centrality, 0);
  EXPECT_GT(all[2].centrality, 0.3);  // shipping, companies, loader, manifests
  for (const SummarySentence& s : all) {
    EXPECT_GE(s.centrality, 0);
    EXPECT_LE(s.centrality, 1.0 + 1e-9);
  }
  const auto summary = summarize({&a, &b});
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0].text,
            "Harbor Wraith attacked shipping companies with a new loader called TideRunner.");
  EXPECT_NE(summary[1].text.find("shipping manifests"), std::string::npos);
}

TEST(Summary, CapsTheFindingBonus) {
  ExportArticle a = text_article("Alpha, Bravo, Charlie, Delta and Echo attacked the banks today.");
  for (const char* name : {"Alpha", "Bravo", "Charlie", "Delta", "Echo"}) mention(a, name);
  EXPECT_DOUBLE_EQ(summary_candidates({&a})[0].findings, kMaxFindingBonus);
}

TEST(Summary, SkipsCopiesAndKeepsTheArticlesOrder) {
  const std::string text =
      "Volt Typhoon breached a water utility in Texas through an exposed router. "
      "The intruders stayed hidden for months before the utility noticed them. "
      "Engineers restored the control systems from offline backups last week.";
  ExportArticle first = text_article(text);
  ExportArticle copy = text_article(text);  // a content-farm copy
  mention(copy, "Volt Typhoon");
  const auto summary = summarize({&first, &copy});
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_NE(summary[0].text, summary[1].text);
  // Chosen by score, shown in (article, position) order.
  EXPECT_TRUE(
      summary[0].article < summary[1].article ||
      (summary[0].article == summary[1].article && summary[0].position < summary[1].position));
}

TEST(Summary, EmptyWithoutProse) {
  ExportArticle a = text_article("IOCs\n45.77.13.201\nevil[.]example\n");
  EXPECT_TRUE(summarize({&a}).empty());
  EXPECT_TRUE(summarize({}).empty());
}

TEST(Summary, SentencesArePrintableAndBounded) {
  std::string text = "The attackers wrote \xff\xfe bytes and tabs\tinto the logs of the server.";
  ExportArticle a = text_article(text);
  const auto summary = summarize({&a});
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].text.find('\t'), std::string::npos);
  EXPECT_EQ(summary[0].text.find('\xff'), std::string::npos);
}

TEST(Summary, ChoosesFromTheFixtureArticle) {
  ExportSet set = testing::fixture_set();
  std::vector<const ExportArticle*> articles;
  for (const ExportArticle& a : set.stories[0].articles) articles.push_back(&a);
  const auto summary = summarize(articles);
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0].text.rfind("APT29", 0), 0u) << summary[0].text;  // the lead names the actor
}

}  // namespace
}  // namespace osprey::exporting
