// osprey feeds and osprey articles against a store in a scratch folder.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/store_option.h"

namespace {

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;

std::string fresh_db(const std::string& name) {
  auto path = scratch() / name;
  std::filesystem::remove(path);
  return path.string();
}

TEST(CliFeeds, AddListAndRemoveSubscriptions) {
  std::string db = fresh_db("feeds.db");
  Outcome added = osprey("feeds add --db " + db +
                         " https://a.example/feed.xml https://b.example/rss --category News");
  ASSERT_EQ(added.status, 0) << added.err;
  EXPECT_EQ(osprey("feeds add --db " + db + " https://a.example/feed.xml").status, 0);
  Outcome listed = osprey("feeds list --db " + db + " -f json");
  ASSERT_EQ(listed.status, 0) << listed.err;
  auto feeds = nlohmann::json::parse(listed.out);
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0]["category"], "News");
  EXPECT_EQ(feeds[0]["health"]["consecutive_failures"], 0);
  EXPECT_EQ(osprey("feeds remove --db " + db + " https://a.example/feed.xml").status, 0);
  Outcome missing = osprey("feeds remove --db " + db + " https://a.example/feed.xml");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("no subscription"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(osprey("feeds list --db " + db + " -f json").out).size(), 1u);
}

TEST(CliFeeds, RefusesWhatIsNotAFeedUrl) {
  std::string db = fresh_db("feeds-bad.db");
  Outcome bad = osprey("feeds add --db " + db + " file:///etc/passwd");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("not an http(s) URL"), std::string::npos);
}

TEST(CliArticles, EmptyStoreListsNothing) {
  Outcome listed = osprey("articles --db " + fresh_db("empty.db") + " -f json");
  ASSERT_EQ(listed.status, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out), nlohmann::json::array());
}

TEST(CliArticles, BadSinceAndBadDatabaseAreClearErrors) {
  Outcome since = osprey("articles --db " + fresh_db("x.db") + " --since yesterday");
  EXPECT_EQ(since.status, 2);
  EXPECT_NE(since.err.find("--since"), std::string::npos);
  std::string garbage = osprey::testing::write_file("garbage.db", std::string(4096, 'g'));
  Outcome broken = osprey("articles --db " + garbage);
  EXPECT_EQ(broken.status, 1);
  EXPECT_NE(broken.err.find("garbage.db"), std::string::npos);
}

TEST(ParseSince, RelativeAndAbsoluteTimes) {
  using osprey::cli::parse_since;
  const int64_t now = 1'700'000'000;
  EXPECT_EQ(parse_since("2d", now), now - 2 * 86400);
  EXPECT_EQ(parse_since("12h", now), now - 12 * 3600);
  EXPECT_EQ(parse_since("1w", now), now - 7 * 86400);
  EXPECT_EQ(parse_since("2024-11-05", now), 1730764800);
  EXPECT_EQ(parse_since("2024-11-05T10:15:00Z", now), 1730801700);
  EXPECT_EQ(parse_since("2024-11-05T12:15:00+02:00", now), 1730801700);
  EXPECT_FALSE(parse_since("yesterday", now));
  EXPECT_FALSE(parse_since("2024-13-01", now));
  EXPECT_FALSE(parse_since("", now));
  EXPECT_FALSE(parse_since("5y", now));
}

}  // namespace
