#include "osprey/model/json.h"

#include <gtest/gtest.h>

namespace osprey {
namespace {

TEST(ModelJson, ObservableRoundTripKeepsEveryField) {
  Observable o;
  o.type = "domain";
  o.value = "xn--e1afmkfd.xn--p1ai";
  o.unicode = "пример.рф";
  o.defanged = true;
  o.spans = {{3, 10}, {40, 47}};
  o.count = 5;
  o.context = "Visit пример.рф now.";
  o.flags = {"a", "b"};
  o.benign = "why";
  o.rule = "rule";
  nlohmann::json j = o;
  Observable back = j.get<Observable>();
  EXPECT_EQ(back.type, o.type);
  EXPECT_EQ(back.value, o.value);
  EXPECT_EQ(back.unicode, o.unicode);
  EXPECT_TRUE(back.defanged);
  EXPECT_EQ(back.spans, o.spans);
  EXPECT_EQ(back.count, 5u);
  EXPECT_EQ(back.context, o.context);
  EXPECT_EQ(back.flags, o.flags);
  EXPECT_EQ(back.benign, "why");
  EXPECT_EQ(back.rule, "rule");
}

TEST(ModelJson, OptionalFieldsAreOmittedWhenEmpty) {
  Observable o;
  o.type = "ipv4";
  o.value = "203.0.113.5";
  o.spans = {{0, 11}};
  o.count = 1;
  nlohmann::json j = o;
  EXPECT_FALSE(j.contains("unicode"));
  EXPECT_FALSE(j.contains("benign"));
  EXPECT_FALSE(j.contains("rule"));
  EXPECT_EQ(j["spans"][0]["start"], 0);
  EXPECT_EQ(j["spans"][0]["end"], 11);
}

TEST(ModelJson, FindingsCarrySourceAndObservables) {
  Findings f;
  f.source = "report.txt";
  f.bytes = 99;
  f.observables.push_back(
      Observable{"cve", "CVE-2024-3400", "", false, {{1, 14}}, 1, "", {}, "", ""});
  nlohmann::json j = f;
  EXPECT_EQ(j["source"], "report.txt");
  EXPECT_EQ(j["bytes"], 99);
  ASSERT_EQ(j["observables"].size(), 1u);
  Findings back = j.get<Findings>();
  EXPECT_EQ(back.observables[0].value, "CVE-2024-3400");
}

}  // namespace
}  // namespace osprey
