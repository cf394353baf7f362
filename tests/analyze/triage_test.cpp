// Triage with the committed model: measured quality on the held-out
// evaluation set, reproducible training, behaviour on chosen cases, reasons,
// and hostile input.
#include "osprey/analyze/triage.h"

#include <gtest/gtest.h>

#include "analyze/triage_support.h"

namespace osprey::analyze {
namespace {

const std::vector<TriageExample>& eval_examples() {
  static const auto examples = testing::triage_examples("eval.jsonl");
  return examples;
}

bool cites(const Relevance& r, std::string_view fragment) {
  for (const std::string& reason : r.reasons)
    if (reason.find(fragment) != std::string::npos) return true;
  return false;
}

TEST(Triage, CommittedModelMeetsTheQualityBarOnTheEvaluationSet) {
  ASSERT_GE(eval_examples().size(), 150u);
  TriageEvaluation ev = evaluate_triage(TriageModel::builtin(), eval_examples());
  EXPECT_GE(ev.accuracy, 0.85) << ev.to_text();
  EXPECT_GE(ev.macro_f1, 0.80) << ev.to_text();
  for (size_t l = 0; l < kLabelCount; ++l) EXPECT_GE(ev.f1[l], 0.75) << ev.to_text();
}

TEST(Triage, RetrainingReproducesTheCommittedModel) {
  auto examples = testing::triage_examples("train.jsonl");
  ASSERT_GE(examples.size(), 300u);
  TriageModel model = train_triage_model(examples, TriageModel::builtin().training);
  EXPECT_EQ(model.to_json(), TriageModel::builtin_text());
}

TEST(Triage, SecurityReportingIsSecurity) {
  Relevance r = testing::triage_of(
      "Ransomware gang exploits VPN flaw",
      "Attackers linked to APT28 exploited CVE-2025-31207 to deploy ransomware and steal data "
      "from hospitals. The payload contacted 203.0.113.9.");
  EXPECT_EQ(r.label, "security");
  EXPECT_GT(r.score, 0.8);
  EXPECT_EQ(r.language, "en");
  EXPECT_TRUE(cites(r, "CVE id") || cites(r, "actor mention"))
      << ::testing::PrintToString(r.reasons);
}

TEST(Triage, NonEnglishSecurityItemWithACveIsSecurity) {
  for (const auto& [title, text] : std::vector<std::pair<std::string, std::string>>{
           {"Neue Version behebt CVE-2025-44120",
            "Der Hersteller hat eine neue Version veröffentlicht, die CVE-2025-44120 behebt. "
            "Die Lücke wird bereits ausgenutzt."},
           {"CVE-2025-44120の修正版を公開", "開発元はCVE-2025-44120を修正した版を公開した。"}}) {
    Relevance r = testing::triage_of(title, text);
    EXPECT_EQ(r.label, "security") << title << ::testing::PrintToString(r.reasons);
    EXPECT_NE(r.language, "en");
    EXPECT_TRUE(cites(r, "language-independent signals")) << title;
  }
}

TEST(Triage, NoiseIsNoise) {
  Relevance deal = testing::triage_of(
      "This killer deal cuts the price of our favourite earbuds",
      "Our favourite earbuds are half price this weekend. Battery life is excellent and the "
      "discount applies to every colour.");
  EXPECT_EQ(deal.label, "noise");
  EXPECT_LT(deal.score, 0.3);
  EXPECT_TRUE(cites(deal, "no known actors")) << ::testing::PrintToString(deal.reasons);
  Relevance weather =
      testing::triage_of("Typhoon closes ports",
                         "A strong typhoon closed ports along the coast. Forecasters expect "
                         "heavy rain and storm surges for two more days.");
  EXPECT_EQ(weather.label, "noise");
}

TEST(Triage, IndustryNewsIsBorderline) {
  Relevance r = testing::triage_of(
      "Antivirus review: strong detection, slow scans",
      "This antivirus suite had a top detection rate in our lab tests but slowed down our laptop. "
      "The password manager and VPN are extras in the premium plan.");
  EXPECT_EQ(r.label, "borderline") << ::testing::PrintToString(r.reasons);
}

TEST(Triage, ReasonsArePresentAndReadable) {
  for (const TriageExample& e : eval_examples()) {
    Relevance r = triage(e.signals, TriageModel::builtin());
    EXPECT_FALSE(r.reasons.empty());
    EXPECT_LE(r.reasons.size(), 6u);
    EXPECT_GE(r.score, 0);
    EXPECT_LE(r.score, 1);
  }
}

TEST(Triage, EmptyTextIsNoiseWithAReason) {
  Relevance r = testing::triage_of("", "");
  EXPECT_EQ(r.label, "noise");
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.reasons, testing::strings({"empty text"}));
}

TEST(Triage, InvalidUtf8IsTriaged) {
  Relevance r = testing::triage_of("\xff\xfe Ransomware \xc3\x28",
                                   "Attackers \x80\x81 exploited CVE-2025-1234 \xed\xa0\x80 in "
                                   "the ransomware attack on the hospital.");
  EXPECT_EQ(r.label, "security");
}

TEST(Triage, TenMegabyteTextIsTriaged) {
  std::string text;
  const std::string paragraph =
      "The operators used phishing to gain access, then moved laterally and deployed "
      "ransomware across the network. ";
  while (text.size() < (10u << 20)) text += paragraph;
  Relevance r = testing::triage_of("Long report", text);
  EXPECT_EQ(r.label, "security");
  EXPECT_FALSE(r.reasons.empty());
}

}  // namespace
}  // namespace osprey::analyze
