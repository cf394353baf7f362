// `osprey triage` as users call it: score, eval, train, and their errors.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli_support.h"

namespace {

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;
using osprey::testing::slurp;

std::string fixture(const char* name) {
  return std::string(OSPREY_FIXTURES) + "/triage/" + name;
}

TEST(CliTriage, ScoresPlainTextFromStandardInput) {
  Outcome r = osprey("triage score - --title 'Hospital hit by ransomware'",
                     "Attackers exploited CVE-2025-31207 and encrypted the hospital's servers.");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["label"], "security");
  EXPECT_EQ(j["language"], "en");
  EXPECT_GT(j["score"].get<double>(), 0.5);
  EXPECT_FALSE(j["reasons"].empty());
  EXPECT_EQ(j["title"], "Hospital hit by ransomware");
}

TEST(CliTriage, ScoresEachLineOfJsonl) {
  std::string jsonl =
      "{\"title\":\"Laptop deals\",\"text\":\"Big discounts on laptops this weekend.\"}\n\n"
      "{\"title\":\"Botnet\",\"text\":\"A botnet exploited routers with CVE-2025-1111.\"}\n";
  Outcome r = osprey("triage score", jsonl);
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["label"], "noise");
  EXPECT_EQ(rows[1]["label"], "security");
}

TEST(CliTriage, EvalPrintsTheScores) {
  Outcome r = osprey("triage eval " + fixture("eval.jsonl"));
  ASSERT_EQ(r.status, 0) << r.err;
  for (const char* part :
       {"accuracy", "macro-F1", "precision", "recall", "confusion", "borderline"})
    EXPECT_NE(r.out.find(part), std::string::npos) << part;
  Outcome j = osprey("triage eval --json " + fixture("eval.jsonl"));
  ASSERT_EQ(j.status, 0) << j.err;
  auto ev = nlohmann::json::parse(j.out);
  EXPECT_GE(ev["accuracy"].get<double>(), 0.85);
  EXPECT_EQ(ev["confusion"].size(), 3u);
}

TEST(CliTriage, TrainWritesTheCommittedModelAgain) {
  auto path = scratch() / "model.inc";
  Outcome r = osprey("triage train " + fixture("train.jsonl") + " -o " + path.string());
  ASSERT_EQ(r.status, 0) << r.err;
  std::string committed =
      slurp(std::filesystem::path(OSPREY_FIXTURES) / "../../src/osprey/analyze/triage_model.inc");
  EXPECT_EQ(slurp(path), committed);
  // A model file can be given back to eval and score.
  Outcome e = osprey("triage eval --model " + path.string() + " " + fixture("eval.jsonl"));
  EXPECT_EQ(e.status, 0) << e.err;
}

TEST(CliTriage, ErrorsAreReported) {
  Outcome missing = osprey("triage eval /no/such/file.jsonl");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("/no/such/file.jsonl"), std::string::npos);
  auto bad = scratch() / "bad.jsonl";
  std::ofstream(bad) << "{\"title\":\"x\",\"text\":\"y\",\"label\":\"spam\"}\n";
  Outcome label = osprey("triage eval " + bad.string());
  EXPECT_EQ(label.status, 1);
  EXPECT_NE(label.err.find(":1:"), std::string::npos) << label.err;
  Outcome model = osprey("triage score --model " + bad.string(), "text");
  EXPECT_EQ(model.status, 1);
  EXPECT_EQ(osprey("triage").status, 2);
  EXPECT_EQ(osprey("triage train " + fixture("train.jsonl")).status, 2);  // -o is required
}

}  // namespace
