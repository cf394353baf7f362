// Triage features: each row counts what it says, benign values do not count,
// titles are read apart, and no input pushes a feature past its bound.
#include "osprey/analyze/triage_features.h"

#include <gtest/gtest.h>

#include "analyze/triage_support.h"

namespace osprey::analyze {
namespace {

TriageSignals signals_of(const std::string& title, const std::string& text) {
  Article a = testing::article(title, text);
  return triage_signals(a, testing::triage_findings(a));
}

TEST(TriageFeatures, RowsAreInEnumOrderWithUniqueNames) {
  std::set<std::string_view> names;
  for (size_t i = 0; i < kFeatureCount; ++i) {
    EXPECT_EQ(triage_features()[i].feature, i);
    EXPECT_TRUE(names.insert(triage_features()[i].name).second);
  }
}

TEST(TriageFeatures, CountsEntitiesByType) {
  TriageSignals s = signals_of("", "APT28 and Kimsuky used Cobalt Strike and Mimikatz.");
  EXPECT_EQ(s.raw[kActors], 2);
  EXPECT_EQ(s.examples[kActors], testing::strings({"APT28", "Kimsuky"}));
  EXPECT_GE(s.raw[kMalware] + s.raw[kTools], 2);
}

TEST(TriageFeatures, CountsObservablesByTypeAndSkipsBenign) {
  TriageSignals s = signals_of(
      "",
      "CVE-2025-1111 and CVE-2025-2222 were exploited from 45.77.12.9 and evil-cdn[.]net; "
      "the dropper had MD5 9e107d9d372bb6826bd81d3542a419d6. See https://example.com/.");
  EXPECT_EQ(s.raw[kCves], 2);
  EXPECT_EQ(s.examples[kCves], testing::strings({"CVE-2025-1111", "CVE-2025-2222"}));
  EXPECT_EQ(s.raw[kHashes], 1);
  EXPECT_GE(s.raw[kNetworkIndicators], 2);
  // Documentation addresses and domains are benign: they do not count.
  for (const std::string& v : s.examples[kNetworkIndicators])
    EXPECT_EQ(v.find("example.com"), std::string::npos) << v;
  EXPECT_EQ(signals_of("", "Hosts 203.0.113.9 and 198.51.100.7.").raw[kNetworkIndicators], 0);
}

TEST(TriageFeatures, TitleCuesAreReadFromTheTitleOnly) {
  TriageSignals s = signals_of("Best laptop deals", "Attackers exploited a flaw in servers.");
  EXPECT_GT(s.raw[kTitleNoise], 0);
  EXPECT_EQ(s.raw[kTitleSecurity], 0);
  EXPECT_GT(s.raw[kSecurityDensity], 0);
}

TEST(TriageFeatures, NonEnglishIsFlagged) {
  EXPECT_EQ(
      signals_of("", "Die Angreifer haben die Daten von den Servern gestohlen.").raw[kNonEnglish],
      1);
  EXPECT_EQ(signals_of("", "The attackers took the data from the servers.").raw[kNonEnglish], 0);
  EXPECT_EQ(signals_of("", "CVE-2025-1111").raw[kNonEnglish], 0);  // undetermined is not foreign
}

TEST(TriageFeatures, InputsAreBounded) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "ransomware CVE-2025-" + std::to_string(10000 + i) + " ";
  TriageSignals s = signals_of("ransomware", text);
  for (size_t f = 0; f < kFeatureCount; ++f) {
    EXPECT_GE(s.x[f], 0) << triage_features()[f].name;
    EXPECT_LE(s.x[f], 6) << triage_features()[f].name;
  }
}

}  // namespace
}  // namespace osprey::analyze
