// `osprey feed` through the binary: output shape, several inputs, exit codes.
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

std::string fixture(const std::string& name) {
  return (std::filesystem::path(OSPREY_FIXTURES) / "feeds" / name).string();
}

TEST(CliFeed, OneFeedGivesOneObjectWithItems) {
  Outcome r = osprey("feed " + fixture("rss2.xml"));
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["format"], "rss2");
  EXPECT_TRUE(j["warnings"].is_array());
  ASSERT_EQ(j["items"].size(), 3u);
  const auto& item = j["items"][0];
  for (const char* key : {"title", "link", "published", "published_at", "id", "summary", "content",
                          "authors", "categories", "enclosures"})
    EXPECT_TRUE(item.contains(key)) << key;
  EXPECT_EQ(item["link"], "https://news.example.com/2024/11/patch-now");
  EXPECT_EQ(item["published_at"], 1730798100);
  EXPECT_EQ(item["enclosures"][0]["type"], "audio/mpeg");
}

TEST(CliFeed, SeveralInputsGiveAnArrayAndFailuresAreNamed) {
  Outcome r = osprey("feed " + fixture("atom1.xml") + " " + fixture("not_a_feed.html") + " " +
                     fixture("jsonfeed11.json"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not_a_feed.html"), std::string::npos);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["format"], "atom1");
  EXPECT_EQ(j[1]["format"], "jsonfeed1.1");
}

TEST(CliFeed, StandardInputAndTextFormat) {
  Outcome r = osprey("feed --format text -", slurp(fixture("rdf.xml")));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("rdf"), std::string::npos);
  EXPECT_NE(r.out.find("JVN#2"), std::string::npos);
  Outcome none = osprey("feed", slurp(fixture("rss090.xml")));
  ASSERT_EQ(none.status, 0);
  EXPECT_EQ(nlohmann::json::parse(none.out)["format"], "rss0.90");
}

TEST(CliFeed, MissingFileExitsOne) {
  Outcome r = osprey("feed /nonexistent/feed.xml");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/nonexistent/feed.xml"), std::string::npos);
}

TEST(CliFeed, BadUsageExitsTwo) {
  EXPECT_EQ(osprey("feed --format yaml x").status, 2);
  EXPECT_EQ(osprey("feed --no-such-flag").status, 2);
}

}  // namespace
