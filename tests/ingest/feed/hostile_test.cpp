// Feeds written to hurt: entity bombs, external entities, deep nesting,
// huge bodies. Each must give its items and nothing else, quickly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "ingest/feed/feed_support.h"

namespace osprey::testing {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(FeedHostile, BillionLaughsIsNotExpanded) {
  auto start = Clock::now();
  ingest::Feed f = parse_fixture("billion_laughs.xml");
  EXPECT_LT(seconds_since(start), 2.0);
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].link, "https://bl.example.com/1");
  EXPECT_EQ(f.items[0].title.find("lol"), std::string::npos);
  EXPECT_LT(f.items[0].summary.size(), 100u);
  EXPECT_NE(f.items[0].title.find("Before"), std::string::npos);
}

TEST(FeedHostile, ExternalFileEntityIsNotRead) {
  ingest::Feed f = parse_fixture("xxe_file.xml");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].link, "https://xxe.example.com/2");
  EXPECT_EQ(f.items[0].title.find("root:"), std::string::npos);
  EXPECT_EQ(f.items[0].summary.find("root:"), std::string::npos);
}

TEST(FeedHostile, ExternalFileEntityWithAKnownSecret) {
  auto path =
      std::filesystem::temp_directory_path() / ("osprey-xxe-secret-" + std::to_string(::getpid()));
  std::ofstream(path) << "OSPREY-SECRET-7f3a";
  std::string body = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY s SYSTEM \"file://" +
                     path.string() +
                     "\">]>\n<rss version=\"2.0\"><channel><title>&s;</title><item><title>x &s; "
                     "y</title><link>https://xxe.example.com/3</link><description>&s;</description>"
                     "</item></channel></rss>";
  auto r = ingest::parse_feed(feed_document(body));
  std::filesystem::remove(path);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().items.size(), 1u);
  const ingest::Feed& feed = r.value();
  const auto& item = feed.items[0];
  EXPECT_EQ(item.link, "https://xxe.example.com/3");
  for (const std::string* s : {&feed.title, &item.title, &item.summary, &item.content})
    EXPECT_EQ(s->find("OSPREY-SECRET"), std::string::npos);
}

TEST(FeedHostile, ExternalHttpEntityAndDtdAreNotFetched) {
  // Port 9 (discard) on localhost: a fetch would fail or hang; the parser
  // must not even try, so this returns at once with the item.
  auto start = Clock::now();
  ingest::Feed f = parse_fixture("xxe_http.xml");
  EXPECT_LT(seconds_since(start), 2.0);
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Remote entity");
}

TEST(FeedHostile, HundredThousandNestedElements) {
  std::string body =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Deep</title>"
      "<item><title>Shallow</title><link>https://deep.example.com/1</link></item>"
      "<item><title>Deep</title><description>";
  for (int i = 0; i < 100000; ++i) body += "<div>";
  body += "bottom";
  for (int i = 0; i < 100000; ++i) body += "</div>";
  body += "</description></item></channel></rss>";
  auto r = ingest::parse_feed(feed_document(body));
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r.value().items.size(), 1u);
  EXPECT_EQ(r.value().items[0].link, "https://deep.example.com/1");
  EXPECT_FALSE(r.value().warnings.empty());
}

TEST(FeedHostile, HundredThousandNestedElementsThroughTheHtmlParser) {
  std::string body =
      "<RSS><CHANNEL><ITEM><TITLE>Deep</TITLE><LINK>https://deep.example.com/2</LINK>"
      "<DESCRIPTION>";
  for (int i = 0; i < 100000; ++i) body += "<span>";
  body += "bottom</DESCRIPTION></ITEM></CHANNEL></RSS>";
  auto r = ingest::parse_feed(feed_document(body));
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r.value().items.size(), 1u);
  EXPECT_EQ(r.value().items[0].title, "Deep");
}

TEST(FeedHostile, DeeplyNestedJsonIsRejected) {
  std::string body = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[";
  for (int i = 0; i < 100000; ++i) body += "[";
  auto r = ingest::parse_feed(feed_document(body));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("nested"), std::string::npos);
}

TEST(FeedHostile, FiftyMegabyteFeed) {
  std::string body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>";
  const std::string paragraph(1000, 'x');
  size_t items = 0;
  while (body.size() < (50u << 20)) {
    body += "<item><title>Item " + std::to_string(items) +
            "</title><link>https://big.example.com/" + std::to_string(items) +
            "</link><description>" + paragraph + paragraph + paragraph +
            "</description><pubDate>Tue, 05 Nov 2024 10:15:00 GMT</pubDate></item>";
    ++items;
  }
  body += "</channel></rss>";
  auto start = Clock::now();
  auto r = ingest::parse_feed(feed_document(std::move(body)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().items.size(), items);
  EXPECT_EQ(r.value().items.back().link, "https://big.example.com/" + std::to_string(items - 1));
  EXPECT_LT(seconds_since(start), 30.0);
}

TEST(FeedHostile, RandomBytesNeverCrash) {
  uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u; };
  const std::string base = feed_fixture("rss2.xml");
  for (int round = 0; round < 200; ++round) {
    std::string body = base;
    for (int k = 0; k < 20; ++k) body[next() % body.size()] = static_cast<char>(next() >> 16);
    body.resize(next() % (body.size() + 1));
    auto r = ingest::parse_feed(feed_document(body));
    if (r.ok()) {
      EXPECT_TRUE(all_utf8(r.value()));
    }
  }
}

}  // namespace
}  // namespace osprey::testing
