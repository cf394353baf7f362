// Relation extraction over the committed knowledge base: one case per rule
// (cues, direction, negation, hedging, reporter, references, merging), hostile
// input, and the hand-written evaluation set (tests/fixtures/relations/)
// scored by precision and recall per predicate.
#include "osprey/analyze/relations.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "committed_kb.h"
#include "osprey/text/utf8.h"
#include "support.h"

namespace osprey::analyze {
namespace {

using testing::committed_kb;
using testing::committed_matcher;

Findings findings_of(std::string_view text) {
  Findings f = testing::extract(text);
  f.entities = committed_matcher().match(text);
  return f;
}

std::vector<Relation> relations(std::string_view text) {
  return extract_relations(text, findings_of(text), &committed_kb());
}

// "subject predicate object" with " !" when negated and " ?" when hedged.
std::set<std::string> triples(std::string_view text) {
  std::set<std::string> out;
  for (const Relation& r : relations(text))
    out.insert(r.subject.name + " " + r.predicate + " " + r.object.name + (r.negated ? " !" : "") +
               (r.hedged ? " ?" : ""));
  return out;
}

const Relation* find(const std::vector<Relation>& rs, std::string_view predicate,
                     std::string_view object) {
  for (const Relation& r : rs)
    if (r.predicate == predicate && r.object.name == object) return &r;
  return nullptr;
}

TEST(Relations, UsesCueCoversAList) {
  auto found = triples("APT41 used Cobalt Strike, Mimikatz and PowerShell in the intrusion.");
  EXPECT_TRUE(found.count("APT41 uses Cobalt Strike")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("APT41 uses Mimikatz")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("APT41 uses PowerShell")) << ::testing::PrintToString(found);
}

TEST(Relations, SponsorAndVictimsInOneSentence) {
  auto found = triples(
      "APT43 is a North Korean group. The North Korean group targeted South Korean and US-based "
      "government organizations.");
  EXPECT_TRUE(found.count("APT43 attributed-to North Korea")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("APT43 targets South Korea")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("APT43 targets United States")) << ::testing::PrintToString(found);
  EXPECT_FALSE(found.count("APT43 targets North Korea")) << ::testing::PrintToString(found);
}

// An actor that serves an agency is that agency's ("supports the RGB").
TEST(Relations, AnActorSupportingAnAgencyIsAttributedToIt) {
  auto found = triples(
      "APT43, a cyber espionage group, supports the Reconnaissance General Bureau with stolen "
      "intelligence.");
  EXPECT_TRUE(found.count("APT43 attributed-to Reconnaissance General Bureau"))
      << ::testing::PrintToString(found);
  // A program's features are no allegiance.
  auto program = triples("APT43 deployed a loader that supports the Microsoft Graph API.");
  EXPECT_FALSE(program.count("APT43 attributed-to Microsoft")) << ::testing::PrintToString(program);
}

TEST(Relations, PassiveVoiceKeepsTheActorAsSubject) {
  auto rs = relations("Conti ransomware was used by Wizard Spider in attacks on hospitals.");
  const Relation* uses = find(rs, "uses", "Conti");
  ASSERT_NE(uses, nullptr);
  EXPECT_EQ(uses->subject.name, "Wizard Spider");
  EXPECT_EQ(uses->subject.type, "intrusion-set");
}

TEST(Relations, PlaceBeforeTheActorIsNoVictimWithoutACue) {
  auto found = triples("Moscow denied that APT28 hacked the German parliament.");
  EXPECT_TRUE(found.count("APT28 targets Germany !")) << ::testing::PrintToString(found);
  EXPECT_EQ(found.size(), 1u) << ::testing::PrintToString(found);
}

TEST(Relations, NegationStaysInItsClause) {
  auto found = triples("There is no evidence that APT28 used Mimikatz in this intrusion.");
  EXPECT_TRUE(found.count("APT28 uses Mimikatz !")) << ::testing::PrintToString(found);
  found = triples("APT41 used Cobalt Strike and did not use Mimikatz.");
  EXPECT_TRUE(found.count("APT41 uses Cobalt Strike")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("APT41 uses Mimikatz !")) << ::testing::PrintToString(found);
  found = triples("Lazarus Group is not the only group to target cryptocurrency exchanges.");
  EXPECT_TRUE(found.count("Lazarus Group targets Cryptocurrency"))
      << ::testing::PrintToString(found);
}

TEST(Relations, Hedging) {
  EXPECT_TRUE(triples("APT33 likely targeted energy companies.").count("APT33 targets Energy ?"));
  EXPECT_TRUE(triples("APT34 is assessed with moderate confidence to be linked to Iran.")
                  .count("OilRig attributed-to Iran ?"));
  auto firm =
      triples("Mandiant assesses with high confidence that APT43 is linked to North Korea.");
  EXPECT_TRUE(firm.count("APT43 attributed-to North Korea")) << ::testing::PrintToString(firm);
  // "May" the month is no hedge.
  EXPECT_TRUE(triples("In May APT41 used Mimikatz.").count("APT41 uses Mimikatz"));
}

TEST(Relations, ReporterIsNamedNotRelated) {
  auto rs = relations(
      "According to Microsoft, Volt Typhoon compromised telecommunications "
      "providers in Guam.");
  const Relation* r = find(rs, "targets", "Telecoms");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->reported_by, "Microsoft");
  EXPECT_EQ(find(rs, "targets", "Microsoft"), nullptr);
  rs = relations("ESET researchers found that APT28 used Mimikatz.");
  ASSERT_NE(find(rs, "uses", "Mimikatz"), nullptr);
  EXPECT_EQ(find(rs, "uses", "Mimikatz")->reported_by, "ESET");
}

TEST(Relations, ReferenceToThePreviousSentence) {
  std::string text = "APT41 deployed ShadowPad last year. The group also relied on Cobalt Strike.";
  auto rs = relations(text);
  const Relation* r = find(rs, "uses", "Cobalt Strike");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->subject.name, "APT41");
  EXPECT_EQ(r->evidence.start, 0u);  // both sentences are the evidence
  EXPECT_EQ(r->evidence.end, text.size());
  bool said = false;
  for (const std::string& reason : r->reasons) said = said || reason.find("reference") == 0;
  EXPECT_TRUE(said) << ::testing::PrintToString(r->reasons);
  // Without an earlier actor "the group" means nothing.
  EXPECT_TRUE(relations("The group also relied on Cobalt Strike.").empty());
}

TEST(Relations, AliasStatementsRelateActors) {
  auto found = triples("APT43, whose activity was also reported as Kimsuky, targeted South Korea.");
  EXPECT_TRUE(found.count("APT43 related-to Kimsuky")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("APT43 targets South Korea")) << ::testing::PrintToString(found);
  EXPECT_FALSE(found.count("Kimsuky targets South Korea")) << ::testing::PrintToString(found);
  EXPECT_TRUE(triples("APT28 and APT29 both used Mimikatz.").count("APT29 uses Mimikatz"));
}

TEST(Relations, IndicatorsAndExploits) {
  auto found = triples(
      "The ShadowPad backdoor contacted the C2 server at 203.0.113.17. Lazarus Group exploited "
      "CVE-2021-44228 on exposed servers.");
  EXPECT_TRUE(found.count("203.0.113.17 indicates ShadowPad")) << ::testing::PrintToString(found);
  EXPECT_TRUE(found.count("Lazarus Group exploits CVE-2021-44228"))
      << ::testing::PrintToString(found);
}

TEST(Relations, SameClaimTwiceIsOneRelation) {
  auto rs = relations("APT41 used Mimikatz in 2020. In 2021 APT41 used Mimikatz again.");
  ASSERT_EQ(rs.size(), 1u);
  auto once = relations("APT41 used Mimikatz in 2020.");
  ASSERT_EQ(once.size(), 1u);
  EXPECT_GT(rs[0].confidence, once[0].confidence);
  EXPECT_EQ(rs[0].reasons.back().find("stated in 2 sentences") != std::string::npos ||
                rs[0].reasons[rs[0].reasons.size() - 2].find("stated in 2") != std::string::npos,
            true)
      << ::testing::PrintToString(rs[0].reasons);
}

TEST(Relations, ConfidenceAndEvidence) {
  std::string text = "Intro sentence here. APT41 used Mimikatz.";
  auto rs = relations(text);
  ASSERT_EQ(rs.size(), 1u);
  EXPECT_GT(rs[0].confidence, 0.5);
  EXPECT_LE(rs[0].confidence, 1.0);
  EXPECT_EQ(text.substr(rs[0].evidence.start, rs[0].evidence.end - rs[0].evidence.start),
            "APT41 used Mimikatz.");
  EXPECT_EQ(rs[0].sentence, "APT41 used Mimikatz.");
  EXPECT_FALSE(rs[0].reasons.empty());
}

TEST(Relations, EmptyAndNameless) {
  EXPECT_TRUE(extract_relations("", Findings{}, &committed_kb()).empty());
  EXPECT_TRUE(relations("Nothing to see here.").empty());
  EXPECT_TRUE(relations("A weather report from Germany mentioned heavy rain.").empty());
  // Spans past the text are ignored, not read.
  Findings bogus = findings_of("APT41 used Mimikatz.");
  EXPECT_TRUE(extract_relations("short", bogus, &committed_kb()).empty());
}

TEST(Relations, InvalidUtf8) {
  std::string text = "APT41 used \xff\xfe Mimikatz \xc3 against hospitals.\x80";
  auto rs = extract_relations(text, findings_of(text), nullptr);
  for (const Relation& r : rs) EXPECT_TRUE(text::is_valid_utf8(r.sentence)) << r.sentence;
}

// A 10 MB text with thousands of mentions: linear time, bounded output.
// Speed is measured in bench/relations_bench.cpp; here only boundedness.
TEST(Relations, HugeInputStaysBounded) {
  std::string article =
      "APT41 used Cobalt Strike, Mimikatz and PowerShell against hospitals in Germany. The group "
      "also exploited CVE-2021-44228. ";
  Findings one = findings_of(article);
  std::string text;
  Findings many;
  many.observables = one.observables;
  many.entities = one.entities;
  for (auto& m : many.entities) m.spans.clear();
  for (auto& o : many.observables) o.spans.clear();
  while (text.size() < 10u << 20) {
    uint64_t shift = text.size();
    text += article;
    for (size_t i = 0; i < one.entities.size(); ++i)
      for (const Span& s : one.entities[i].spans)
        many.entities[i].spans.push_back({s.start + shift, s.end + shift});
    for (size_t i = 0; i < one.observables.size(); ++i)
      for (const Span& s : one.observables[i].spans)
        many.observables[i].spans.push_back({s.start + shift, s.end + shift});
  }
  auto rs = extract_relations(text, many, &committed_kb());
  EXPECT_LE(rs.size(), RelationOptions{}.max_relations);
  EXPECT_NE(find(rs, "uses", "Mimikatz"), nullptr);
}

// ---- evaluation set ----------------------------------------------------

struct Score {
  size_t tp = 0, fp = 0, fn = 0;
};

double ratio(size_t a, size_t b) {
  return b ? double(a) / double(b) : 1.0;
}

TEST(RelationEvaluation, PrecisionAndRecallPerPredicate) {
  std::ifstream in(std::string(OSPREY_FIXTURES) + "/relations/passages.jsonl");
  ASSERT_TRUE(in);
  std::map<std::string, Score> scores;  // by predicate; "ALL", "held-out"
  size_t passages = 0, unreachable = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto passage = nlohmann::json::parse(line);
    ++passages;
    std::string text = passage["text"];
    bool held_out = passage["id"].get<std::string>()[0] == 'h';
    Findings f = findings_of(text);
    std::set<std::string> names;
    for (const Mention& m : f.entities) names.insert(m.name);
    for (const Observable& o : f.observables) names.insert(o.value);
    using Key = std::tuple<std::string, std::string, std::string, bool, bool>;
    std::set<Key> want, got;
    for (const auto& r : passage["relations"]) {
      Key k{r["subject"], r["predicate"], r["object"], r["negated"], r["hedged"]};
      // Only relations whose two ends the matcher recognised are reachable.
      if (!names.count(std::get<0>(k)) || !names.count(std::get<2>(k))) {
        ++unreachable;
        continue;
      }
      want.insert(k);
    }
    for (const Relation& r : extract_relations(text, f, &committed_kb()))
      got.insert({r.subject.name, r.predicate, r.object.name, r.negated, r.hedged});
    auto count = [&](const Key& k, size_t Score::*field) {
      ++(scores[std::get<1>(k)].*field);
      ++(scores["ALL"].*field);
      if (held_out) ++(scores["held-out"].*field);
    };
    for (const Key& k : got) count(k, want.count(k) ? &Score::tp : &Score::fp);
    for (const Key& k : want)
      if (!got.count(k)) count(k, &Score::fn);
  }
  std::printf("%-14s %5s %5s %5s %6s %6s\n", "predicate", "tp", "fp", "fn", "P", "R");
  for (const auto& [predicate, s] : scores)
    std::printf("%-14s %5zu %5zu %5zu %6.3f %6.3f\n", predicate.c_str(), s.tp, s.fp, s.fn,
                ratio(s.tp, s.tp + s.fp), ratio(s.tp, s.tp + s.fn));
  std::printf("(%zu passages; %zu expected relations unreachable: a name not recognised)\n",
              passages, unreachable);
  const Score& all = scores["ALL"];
  EXPECT_GE(passages, 60u);
  EXPECT_GE(ratio(all.tp, all.tp + all.fp), 0.9);
  EXPECT_GE(ratio(all.tp, all.tp + all.fn), 0.9);
}

}  // namespace
}  // namespace osprey::analyze
