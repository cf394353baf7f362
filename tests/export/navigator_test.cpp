#include "osprey/export/navigator.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "export/export_fixture.h"

namespace osprey::exporting {
namespace {

using nlohmann::json;

const json* technique(const json& layer, const std::string& id) {
  for (const json& t : layer["techniques"])
    if (t["techniqueID"] == id) return &t;
  return nullptr;
}

TEST(NavigatorLayer, HasTheLayerFormatShape) {
  json layer = json::parse(to_navigator_layer(testing::fixture_set(), testing::fixture_options()));
  EXPECT_EQ(layer["versions"]["attack"], "18");
  EXPECT_EQ(layer["versions"]["navigator"], "5.1");
  EXPECT_EQ(layer["versions"]["layer"], "4.5");
  EXPECT_EQ(layer["domain"], "enterprise-attack");
  EXPECT_TRUE(layer["name"].is_string());
  EXPECT_TRUE(layer["gradient"]["colors"].is_array());
  EXPECT_TRUE(layer["legendItems"].is_array());
  EXPECT_TRUE(layer["metadata"].is_array());
  for (const json& t : layer["techniques"]) {
    std::string id = t["techniqueID"];
    EXPECT_EQ(id[0], 'T') << id;
    if (t.contains("score")) {
      EXPECT_TRUE(t["score"].is_number());
    }
  }
}

TEST(NavigatorLayer, ScoresSubTechniquesByStories) {
  json layer = json::parse(to_navigator_layer(testing::fixture_set(), testing::fixture_options()));
  const json* sub = technique(layer, "T1566.001");
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ((*sub)["score"], 1);  // one story, though two articles
  std::string comment = (*sub)["comment"];
  EXPECT_NE(comment.find("2 articles"), std::string::npos) << comment;
  EXPECT_NE(comment.find("2 sources"), std::string::npos) << comment;
  const json* parent = technique(layer, "T1566");
  ASSERT_NE(parent, nullptr);
  EXPECT_EQ((*parent)["showSubtechniques"], true);
}

TEST(NavigatorLayer, NoiseIsLeftOut) {
  ExportSet set = testing::fixture_set();
  for (ExportArticle& a : set.stories[0].articles) a.relevance_label = "noise";
  json layer = json::parse(to_navigator_layer(set, testing::fixture_options()));
  EXPECT_TRUE(layer["techniques"].empty());
}

}  // namespace
}  // namespace osprey::exporting
