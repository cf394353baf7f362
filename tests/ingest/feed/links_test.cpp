// Relative links: xml:base (nested, per element), then the feed's URL.
#include <gtest/gtest.h>

#include "ingest/feed/feed_support.h"
#include "osprey/ingest/feed/url.h"

namespace osprey::testing {
namespace {

TEST(FeedLinks, XmlBaseNestsPerElement) {
  ingest::Feed f = parse_fixture("relative_links.xml");
  EXPECT_EQ(f.link, "https://base.example.com/home");
  ASSERT_EQ(f.items.size(), 3u);
  EXPECT_EQ(f.items[0].link, "https://base.example.com/root/posts/1.html");
  ASSERT_EQ(f.items[0].enclosures.size(), 1u);
  EXPECT_EQ(f.items[0].enclosures[0].url, "https://base.example.com/files/a.pdf");
  EXPECT_EQ(f.items[1].link, "https://other.example.net/deep/2.html");
  EXPECT_EQ(f.items[2].link, "https://abs.example.org/x");
}

TEST(FeedLinks, FeedUrlIsTheBaseWithoutXmlBase) {
  ingest::Feed f = parse_fixture("relative_no_base.xml", "", "https://site.example.com/a/feed.xml");
  EXPECT_EQ(f.link, "https://site.example.com/");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].link, "https://site.example.com/news/1?x=1#frag");
}

TEST(FeedLinks, FinalUrlAfterRedirectsWins) {
  Document doc = feed_document(feed_fixture("relative_no_base.xml"), "http://old.example.com/rss");
  doc.final_url = "https://new.example.com/feeds/rss";
  auto r = ingest::parse_feed(doc);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().items[0].link, "https://new.example.com/news/1?x=1#frag");
}

TEST(FeedLinks, ResolveUrl) {
  EXPECT_EQ(ingest::resolve_url("https://a.example/b/c", "d"), "https://a.example/b/d");
  EXPECT_EQ(ingest::resolve_url("https://a.example/b/c", "../d"), "https://a.example/d");
  EXPECT_EQ(ingest::resolve_url("https://a.example/b/c", "//cdn.example/x"),
            "https://cdn.example/x");
  EXPECT_EQ(ingest::resolve_url("https://a.example/b/c", "?q=1"), "https://a.example/b/c?q=1");
  EXPECT_EQ(ingest::resolve_url("https://a.example/", "  mailto:x@y.example "),
            "mailto:x@y.example");
  EXPECT_EQ(ingest::resolve_url("feed.xml", "/x"), "/x");  // no absolute base
  EXPECT_EQ(ingest::resolve_url("", "rel"), "rel");
}

}  // namespace
}  // namespace osprey::testing
