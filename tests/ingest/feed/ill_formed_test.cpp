// Feeds as they are found in the wild: broken, yet their items still count.
#include <gtest/gtest.h>

#include "ingest/feed/feed_support.h"
#include "osprey/text/dates.h"

namespace osprey::testing {
namespace {

using ingest::Feed;

std::vector<std::string> links(const Feed& f) {
  std::vector<std::string> out;
  for (const auto& i : f.items) out.push_back(i.link);
  return out;
}

TEST(FeedIllFormed, UnclosedTagsKeepItemsWithAWarning) {
  Feed f = parse_fixture("unclosed.xml");
  EXPECT_EQ(links(f), strings_of({"https://u.example.com/1", "https://u.example.com/2"}));
  EXPECT_EQ(f.items[0].title, "First bold");
  EXPECT_FALSE(f.warnings.empty());
}

TEST(FeedIllFormed, UndeclaredHtmlEntitiesAreDecoded) {
  Feed f = parse_fixture("undeclared_entities.xml");
  EXPECT_EQ(f.title, "Entities\u00a0feed");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Caf\u00e9 \u2014 r\u00e9sum\u00e9 \u00a9 2024 & more");
  EXPECT_EQ(f.items[0].summary, "<p>Body</p> \u2026");
  EXPECT_TRUE(has_warning(f, "entities"));
}

TEST(FeedIllFormed, ByteOrderMark) {
  Feed f = parse_fixture("bom.xml");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "After a BOM");
}

TEST(FeedIllFormed, GarbageAfterTheRoot) {
  Feed f = parse_fixture("garbage_after_root.xml");
  EXPECT_EQ(links(f), strings_of({"https://g.example.com/1"}));
  EXPECT_FALSE(f.warnings.empty());
}

TEST(FeedIllFormed, WhitespaceBeforeTheXmlDeclaration) {
  Feed f = parse_fixture("leading_whitespace.xml");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Still read");
  EXPECT_TRUE(has_warning(f, "white space before"));
}

TEST(FeedIllFormed, TruncatedFeedKeepsCompleteItems) {
  Feed f = parse_fixture("truncated.xml");
  ASSERT_GE(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].title, "Complete one");
  EXPECT_EQ(f.items[0].published_at, text::unix_seconds(2024, 11, 5, 10, 15, 0));
  EXPECT_EQ(f.items[1].link, "https://t.example.com/2");
  EXPECT_FALSE(f.warnings.empty());
}

TEST(FeedIllFormed, HtmlServedAsAFeed) {
  Feed f = parse_fixture("html_served.xml");
  EXPECT_EQ(f.format, "rss2");
  ASSERT_GE(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].title, "First & foremost");
  EXPECT_EQ(f.items[0].link, "https://h.example.com/1");
  EXPECT_EQ(f.items[0].published_at, text::unix_seconds(2024, 11, 5, 10, 15, 0));
  EXPECT_FALSE(f.warnings.empty());
}

TEST(FeedIllFormed, UpperCaseTagsFallBackToTheHtmlParser) {
  Feed f = parse_fixture("html_uppercase.xml");
  EXPECT_TRUE(has_warning(f, "HTML parser"));
  EXPECT_EQ(f.title, "Shouting feed");
  EXPECT_EQ(f.link, "https://up.example.com/");
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].title, "Upper case item");
  EXPECT_EQ(f.items[0].link, "https://up.example.com/1");
  EXPECT_EQ(f.items[0].summary, "Body & soul");
  EXPECT_EQ(f.items[0].published_at, text::unix_seconds(2024, 11, 5, 10, 15, 0));
  EXPECT_EQ(f.items[1].link, "https://up.example.com/2");
}

TEST(FeedIllFormed, InvalidUtf8IsRepaired) {
  Feed f = parse_fixture("invalid_utf8.xml");
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_TRUE(all_utf8(f));
  EXPECT_NE(f.items[0].title.find("Broken \xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(f.items[1].title, "Second");
  EXPECT_TRUE(has_warning(f, "UTF-8"));
}

TEST(FeedIllFormed, JsonFeedWithWrongTypesKeepsWhatItCan) {
  auto r = ingest::parse_feed(feed_document(
      R"({"version":"https://jsonfeed.org/version/1.1","title":5,"items":[{"id":"x","title":["no"],"url":7,"tags":[1,"ok"],"authors":"nobody"}]})"));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().items.size(), 1u);
  EXPECT_EQ(r.value().items[0].id, "x");
  EXPECT_EQ(r.value().items[0].title, "");
  EXPECT_EQ(r.value().items[0].categories, strings_of({"ok"}));
}

}  // namespace
}  // namespace osprey::testing
