// The model file: round trip, stable bytes, and clear errors for bad files.
#include "osprey/analyze/triage_model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace osprey::analyze {
namespace {

TEST(TriageModel, BuiltinParsesAndRoundTrips) {
  const TriageModel& m = TriageModel::builtin();
  EXPECT_GE(m.examples, 300u);
  EXPECT_EQ(m.to_json(), TriageModel::builtin_text());
  auto again = TriageModel::parse(m.to_json());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again.value().to_json(), m.to_json());
}

TEST(TriageModel, IncFormWrapsTheJson) {
  std::string inc = TriageModel::builtin().to_inc();
  EXPECT_NE(inc.find("R\"osprey_model(" + TriageModel::builtin().to_json() + ")osprey_model\""),
            std::string::npos);
}

TEST(TriageModel, ProbabilitiesSumToOne) {
  FeatureVector x{};
  x[kBias] = 1;
  x[kCves] = 2;
  auto p = TriageModel::builtin().probabilities(x);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-12);
  TriageModel zero;
  for (double v : zero.probabilities(x)) EXPECT_NEAR(v, 1.0 / 3, 1e-12);
}

TEST(TriageModel, BadFilesAreErrors) {
  EXPECT_FALSE(TriageModel::parse("").ok());
  EXPECT_FALSE(TriageModel::parse("[1,2]").ok());
  EXPECT_FALSE(TriageModel::parse("{\"format\": \"other\"}").ok());
  std::string json = TriageModel::builtin().to_json();
  std::string missing = json;
  missing.replace(missing.find("\"cves\""), 6, "\"cvez\"");
  auto r = TriageModel::parse(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("cves"), std::string::npos) << r.error().message;
}

TEST(TriageModel, LabelsByName) {
  EXPECT_EQ(triage_label("security"), kSecurity);
  EXPECT_EQ(triage_label("noise"), kNoise);
  EXPECT_EQ(triage_label("spam"), kLabelCount);
}

}  // namespace
}  // namespace osprey::analyze
