// CVE, CWE and MITRE ATT&CK identifiers.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;

namespace {

int this_year() {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

}  // namespace

// ---------------------------------------------------------------- cve

TEST(Cve, CanonicalWithSpan) {
  const std::string text = "Exploits CVE-2021-44228 (Log4Shell).";
  Findings f = extract(text);
  const Observable* o = only(f, "cve");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "CVE-2021-44228");
  EXPECT_EQ(o->spans[0].start, 9u);
  EXPECT_EQ(o->spans[0].end, 23u);
  EXPECT_EQ(all_pairs(f), strings({"cve:CVE-2021-44228"}));
}

TEST(Cve, CaseInsensitiveInputUppercased) {
  EXPECT_EQ(values("see cve-2021-44228 now", "cve"), strings({"CVE-2021-44228"}));
  EXPECT_EQ(values("see Cve-2023-4966 now", "cve"), strings({"CVE-2023-4966"}));
}

TEST(Cve, SpellingsMerge) {
  Findings f = extract(
      "CVE-2021-44228, cve-2021-44228 and CVE-2021\xE2\x80\x93"
      "44228");
  const Observable* o = only(f, "cve");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->count, 3u);
}

TEST(Cve, EnDashNormalised) {
  const std::string text =
      "see CVE-2021\xE2\x80\x93"
      "44228 now";
  Findings f = extract(text);
  const Observable* o = only(f, "cve");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "CVE-2021-44228");
  EXPECT_EQ(o->spans[0].start, 4u);
  EXPECT_EQ(o->spans[0].end, text.find(" now"));  // the three-byte dash is inside the span
}

TEST(Cve, EnDashAfterPrefixNormalised) {
  EXPECT_EQ(values("see CVE\xE2\x80\x93"
                   "2024\xE2\x80\x93"
                   "3400 now",
                   "cve"),
            strings({"CVE-2024-3400"}));
}

TEST(Cve, FourToSevenDigitSequenceNumbers) {
  EXPECT_EQ(values("CVE-2014-0160 and CVE-2021-1234567", "cve"),
            strings({"CVE-2014-0160", "CVE-2021-1234567"}));
  EXPECT_TRUE(values("CVE-2024-123 x", "cve").empty());
  EXPECT_TRUE(values("CVE-2024-12345678 x", "cve").empty());
}

TEST(Cve, YearBounds) {
  EXPECT_TRUE(values("CVE-1998-0001 x", "cve").empty());
  EXPECT_EQ(values("CVE-1999-0001 x", "cve"), strings({"CVE-1999-0001"}));
  EXPECT_TRUE(values("CVE-2099-1234 x", "cve").empty());
  EXPECT_TRUE(values("CVE-9999-1234 x", "cve").empty());
  std::string current = "CVE-" + std::to_string(this_year()) + "-1234";
  EXPECT_EQ(values(current + " x", "cve"), std::vector<std::string>{current});
  std::string far = "CVE-" + std::to_string(this_year() + 2) + "-1234";
  EXPECT_TRUE(values(far + " x", "cve").empty());
}

TEST(Cve, SuffixAfterDashIsProse) {
  const std::string text = "CVE-2024-3400-patch x";
  Findings f = extract(text);
  const Observable* o = only(f, "cve");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "CVE-2024-3400");
  EXPECT_EQ(o->spans[0].start, 0u);
  EXPECT_EQ(o->spans[0].end, 13u);
}

TEST(Cve, TrailingDotNotInSpan) {
  Findings f = extract("CVE-2024-3400.");
  const Observable* o = only(f, "cve");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->spans[0].end, 13u);
}

TEST(Cve, GluedToLettersRejected) {
  EXPECT_TRUE(values("ACVE-2024-3400 x", "cve").empty());
  EXPECT_TRUE(values("CVE-2024-3400abc x", "cve").empty());
}

TEST(Cve, InsideUrlStillReported) {
  EXPECT_EQ(values("https://nvd.nist.gov/vuln/detail/CVE-2024-3400", "cve"),
            strings({"CVE-2024-3400"}));
}

// ---------------------------------------------------------------- cwe

TEST(Cwe, Values) {
  Findings f = extract("CWE-79 and cwe-1021 now");
  EXPECT_EQ(values(f, "cwe"), strings({"CWE-79", "CWE-1021"}));
  const Observable* o = nullptr;
  for (const Observable& x : f.observables)
    if (x.value == "CWE-1021") o = &x;
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->spans[0].start, 11u);
  EXPECT_EQ(o->spans[0].end, 19u);
}

TEST(Cwe, ZeroAndOverlongRejected) {
  EXPECT_TRUE(values("CWE-0 x", "cwe").empty());
  EXPECT_TRUE(values("CWE-12345 x", "cwe").empty());
}

TEST(Cwe, GluedToLettersRejected) {
  EXPECT_TRUE(values("XCWE-79 x", "cwe").empty());
  EXPECT_TRUE(values("CWE-79abc x", "cwe").empty());
}

// ---------------------------------------------------------------- attack-technique

TEST(AttackTechnique, SubTechniqueWithSpan) {
  const std::string text = "Phishing (T1566.001) was used";
  Findings f = extract(text);
  const Observable* o = only(f, "attack-technique");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "T1566.001");
  EXPECT_EQ(o->spans[0].start, 10u);
  EXPECT_EQ(o->spans[0].end, 19u);
  EXPECT_EQ(all_pairs(f), strings({"attack-technique:T1566.001"}));
}

TEST(AttackTechnique, TechniquesAndIcs) {
  EXPECT_EQ(values("T1566.001 T1059 T0883 x", "attack-technique"),
            strings({"T1566.001", "T1059", "T0883"}));
}

TEST(AttackTechnique, Bounds) {
  EXPECT_EQ(values("T1001 and T1699 x", "attack-technique"), strings({"T1001", "T1699"}));
  EXPECT_EQ(values("T0800 and T0899 x", "attack-technique"), strings({"T0800", "T0899"}));
  EXPECT_TRUE(values("T9999 x", "attack-technique").empty());
  EXPECT_TRUE(values("T1700 x", "attack-technique").empty());
  EXPECT_TRUE(values("T1000 x", "attack-technique").empty());
  EXPECT_TRUE(values("T0799 x", "attack-technique").empty());
  EXPECT_TRUE(values("T0900 x", "attack-technique").empty());
}

TEST(AttackTechnique, ZeroSubTechniqueRejected) {
  EXPECT_TRUE(all_pairs(extract("T1566.000 x")).empty());
}

TEST(AttackTechnique, IcsHasNoSubTechniques) {
  EXPECT_TRUE(values("T0883.001 x", "attack-technique").empty());
}

TEST(AttackTechnique, MalformedSubTechniqueRejected) {
  EXPECT_TRUE(values("T1059.1 and T1566.0011", "attack-technique").empty());
}

TEST(AttackTechnique, LowercaseRejected) {
  EXPECT_TRUE(values("t1566 x", "attack-technique").empty());
  EXPECT_TRUE(values("t1566.001 x", "attack-technique").empty());
}

TEST(AttackTechnique, TrailingDotTrimmed) {
  const std::string text = "Used T1059.";
  Findings f = extract(text);
  const Observable* o = only(f, "attack-technique");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "T1059");
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, 10u);
  EXPECT_EQ(values("Used T1566.001.", "attack-technique"), strings({"T1566.001"}));
}

TEST(AttackTechnique, GluedToLettersRejected) {
  EXPECT_TRUE(values("XT1059 x", "attack-technique").empty());
  EXPECT_TRUE(values("T1059X x", "attack-technique").empty());
  EXPECT_TRUE(values("model T1059b x", "attack-technique").empty());
}

// ---------------------------------------------------------------- tactic, group, software

TEST(AttackTactic, Value) {
  Findings f = extract("Initial access (TA0001).");
  const Observable* o = only(f, "attack-tactic");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, "TA0001");
  EXPECT_EQ(o->spans[0].start, 16u);
  EXPECT_EQ(o->spans[0].end, 22u);
  EXPECT_EQ(all_pairs(f), strings({"attack-tactic:TA0001"}));
}

TEST(AttackTactic, Rejections) {
  EXPECT_TRUE(values("TA0000 x", "attack-tactic").empty());
  EXPECT_TRUE(values("TA0200 x", "attack-tactic").empty());
  EXPECT_TRUE(values("ta0001 x", "attack-tactic").empty());
  EXPECT_TRUE(values("XTA0001 x", "attack-tactic").empty());
  EXPECT_TRUE(values("TA0001.001 x", "attack-tactic").empty());
}

TEST(AttackGroup, Value) {
  Findings f = extract("Kimsuky (G0094) targets");
  EXPECT_EQ(values(f, "attack-group"), strings({"G0094"}));
  EXPECT_EQ(all_pairs(f), strings({"attack-group:G0094"}));
}

TEST(AttackGroup, Rejections) {
  EXPECT_TRUE(values("G0000 x", "attack-group").empty());
  EXPECT_TRUE(values("g0094 x", "attack-group").empty());
  EXPECT_TRUE(values("G0094a x", "attack-group").empty());
  EXPECT_TRUE(values("AG0094 x", "attack-group").empty());
  EXPECT_TRUE(values("G00941 x", "attack-group").empty());
}

TEST(AttackSoftware, Value) {
  Findings f = extract("Cobalt Strike (S0154) beacons");
  EXPECT_EQ(values(f, "attack-software"), strings({"S0154"}));
  EXPECT_EQ(all_pairs(f), strings({"attack-software:S0154"}));
}

TEST(AttackSoftware, Rejections) {
  EXPECT_TRUE(values("S2000 x", "attack-software").empty());
  EXPECT_TRUE(values("s0154 x", "attack-software").empty());
  EXPECT_TRUE(values("XS0154 x", "attack-software").empty());
  EXPECT_TRUE(values("S0154.001 x", "attack-software").empty());
}

TEST(Attack, AllKindsInOneSentence) {
  Findings f = extract("TA0001 G0094 S0154 T1059 T1566.001");
  EXPECT_EQ(all_pairs(f),
            strings({"attack-tactic:TA0001", "attack-group:G0094", "attack-software:S0154",
                     "attack-technique:T1059", "attack-technique:T1566.001"}));
}
