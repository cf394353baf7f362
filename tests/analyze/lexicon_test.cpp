// The triage vocabulary: how each kind of term is found, case folding,
// densities, and that the table itself is well formed.
#include "osprey/analyze/lexicon.h"

#include <gtest/gtest.h>

#include <set>

namespace osprey::analyze {
namespace {

std::vector<std::string_view> terms(std::string_view text, Cue cue) {
  return scan_lexicon(text).terms[cue];
}

TEST(Lexicon, WordsMatchTheirInflections) {
  for (const char* text : {"attack", "Attacks", "attacked", "attackers", "ATTACKING"})
    EXPECT_EQ(terms(text, kSecurityCue), std::vector<std::string_view>{"attack"}) << text;
  EXPECT_EQ(terms("the deals", kNoiseCue), std::vector<std::string_view>{"deal"});
  EXPECT_TRUE(terms("a hackathon", kSecurityCue).empty());
  EXPECT_TRUE(terms("attache", kSecurityCue).empty());
}

TEST(Lexicon, PhrasesSpanWordsAndHyphens) {
  EXPECT_EQ(terms("a zero-day in the wild", kSecurityCue),
            std::vector<std::string_view>{"zero day"});
  EXPECT_EQ(terms("The threat actors moved", kSecurityCue),
            std::vector<std::string_view>{"threat actor"});
  EXPECT_EQ(terms("our hands-on time", kNoiseCue), std::vector<std::string_view>{"hands on"});
  // The longer term wins over its first word.
  EXPECT_EQ(terms("supply chain", kSecurityCue), std::vector<std::string_view>{"supply chain"});
}

TEST(Lexicon, OtherLanguages) {
  EXPECT_EQ(terms("Zwei Sicherheitslücken", kSecurityCue),
            std::vector<std::string_view>{"sicherheitslücke"});
  EXPECT_EQ(terms("УЯЗВИМОСТЬ найдена", kSecurityCue), std::vector<std::string_view>{"уязвим"});
  EXPECT_EQ(terms("銀行の脆弱性が", kSecurityCue), std::vector<std::string_view>{"脆弱性"});
  EXPECT_EQ(terms("Une fuite de données", kSecurityCue),
            std::vector<std::string_view>{"fuite de données"});
  EXPECT_EQ(terms("製品のCVE-2025-1234に", kSecurityCue), std::vector<std::string_view>{"cve"});
}

TEST(Lexicon, DensityIsWeightPerHundredWords) {
  LexiconHits hits = scan_lexicon("ransomware one two three four five six seven eight nine");
  EXPECT_DOUBLE_EQ(hits.words, 10);
  EXPECT_DOUBLE_EQ(hits.density(kSecurityCue), 30);  // weight 3 in 10 words
  EXPECT_DOUBLE_EQ(scan_lexicon("").density(kSecurityCue), 0);
}

TEST(Lexicon, ListsAtMostAFewDistinctTerms) {
  LexiconHits hits =
      scan_lexicon("malware malware botnet trojan spyware rootkit backdoor phishing ransomware");
  EXPECT_EQ(hits.terms[kSecurityCue].size(), LexiconHits::kMaxListed);
  EXPECT_EQ(hits.terms[kSecurityCue][0], "malware");
  EXPECT_DOUBLE_EQ(hits.weight[kSecurityCue], 27);
}

TEST(Lexicon, HostileInputIsBounded) {
  std::string junk = "\xff\xfe ransomware \xc3\x28\xe3\x81";
  EXPECT_EQ(terms(junk, kSecurityCue), std::vector<std::string_view>{"ransomware"});
  std::string huge;
  while (huge.size() < (4u << 20)) huge += "ransomware ";
  LexiconHits hits = scan_lexicon(huge);
  EXPECT_LE(hits.words, kLexiconSample / 2);  // only the sample is read
}

TEST(Lexicon, TableIsWellFormed) {
  std::set<std::string_view> seen;
  for (const LexiconTerm& t : lexicon_terms()) {
    EXPECT_TRUE(seen.insert(t.text).second) << "duplicate " << t.text;
    EXPECT_GT(t.weight, 0) << t.text;
    EXPECT_LE(t.weight, 3) << t.text;
    if (t.match == TermMatch::kPrefix) {
      EXPECT_GE(t.text.size(), 4u) << t.text;
    }
    for (char c : t.text) EXPECT_FALSE(c >= 'A' && c <= 'Z') << t.text;
  }
}

}  // namespace
}  // namespace osprey::analyze
