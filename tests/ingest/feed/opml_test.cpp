// OPML import and export, and the shipped default subscription list.
#include "osprey/ingest/feed/opml.h"

#include <gtest/gtest.h>

#include <set>

#include "ingest/feed/feed_support.h"

namespace osprey::testing {
namespace {

using ingest::Subscription;

std::string read_default_opml() {
  std::ifstream in(
      std::filesystem::path(OSPREY_FIXTURES).parent_path().parent_path() / "feeds" / "default.opml",
      std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FeedOpml, ReadsNestedFoldersAsCategoryPaths) {
  auto r = ingest::parse_opml(feed_fixture("nested.opml"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& subs = r.value();
  ASSERT_EQ(subs.size(), 4u);
  EXPECT_EQ(subs[0].title, "Top level");
  EXPECT_EQ(subs[0].xml_url, "https://top.example.com/feed");
  EXPECT_EQ(subs[0].html_url, "https://top.example.com/");
  EXPECT_TRUE(subs[0].category.empty());
  EXPECT_EQ(subs[1].title, "A & B");  // title wins over text
  EXPECT_EQ(subs[1].category, strings_of({"Security", "News"}));
  EXPECT_EQ(subs[2].xml_url, "https://notype.example.com/atom.xml");
  EXPECT_EQ(subs[3].category, strings_of({"Security", "Vendors"}));
}

TEST(FeedOpml, NotOpmlIsAnError) {
  EXPECT_FALSE(ingest::parse_opml(feed_fixture("rss2.xml")).ok());
  EXPECT_FALSE(ingest::parse_opml("").ok());
  EXPECT_FALSE(ingest::parse_opml("<opml version=\"2.0\"><head/></opml>").ok());
}

TEST(FeedOpml, WriteThenReadRoundTrips) {
  std::vector<Subscription> subs = {
      {"Plain", "https://plain.example.com/feed", "https://plain.example.com/", {}},
      {"Quotes \"and\" <tags> & ampersands",
       "https://q.example.com/rss?a=1&b=2",
       "",
       {"News & Views", "Sub \"folder\""}},
      {"Second in folder", "https://s.example.com/atom", "", {"News & Views", "Sub \"folder\""}},
      {"Other", "https://o.example.com/feed", "", {"News & Views"}},
      {"Ctl\x01 chars\ttab", "https://c.example.com/feed", "", {"Zeta"}},
  };
  std::string xml = ingest::write_opml(subs, "Mine & yours <3");
  EXPECT_NE(xml.find("<opml version=\"2.0\">"), std::string::npos);
  EXPECT_NE(xml.find("<title>Mine &amp; yours &lt;3</title>"), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  auto back = ingest::parse_opml(xml);
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back.value().size(), subs.size());
  std::set<std::string> urls;
  for (const Subscription& s : back.value()) {
    urls.insert(s.xml_url);
    if (s.xml_url == "https://q.example.com/rss?a=1&b=2") {
      EXPECT_EQ(s.title, "Quotes \"and\" <tags> & ampersands");
      EXPECT_EQ(s.category, strings_of({"News & Views", "Sub \"folder\""}));
    }
    if (s.xml_url == "https://plain.example.com/feed") {
      EXPECT_EQ(s.html_url, "https://plain.example.com/");
      EXPECT_TRUE(s.category.empty());
    }
  }
  EXPECT_EQ(urls.size(), subs.size());
}

TEST(FeedOpml, HostileOpmlIsHarmless) {
  std::string deep = "<opml version=\"2.0\"><body>";
  for (int i = 0; i < 100000; ++i) deep += "<outline text=\"f\">";
  deep += "<outline xmlUrl=\"https://deep.example.com/\"/></body></opml>";
  auto r = ingest::parse_opml(deep);  // libxml2 stops at its depth limit; no crash
  if (r.ok()) {
    EXPECT_LE(r.value().size(), 1u);
  }
  std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY p SYSTEM \"file:///etc/passwd\">]>"
      "<opml version=\"2.0\"><body><outline text=\"&p;\" xmlUrl=\"https://x.example.com/\"/>"
      "</body></opml>";
  auto x = ingest::parse_opml(xxe);
  ASSERT_TRUE(x.ok());
  ASSERT_EQ(x.value().size(), 1u);
  EXPECT_EQ(x.value()[0].title.find("root"), std::string::npos);
}

TEST(FeedOpml, DefaultListIsValidAndGrouped) {
  std::string xml = read_default_opml();
  ASSERT_FALSE(xml.empty());
  auto r = ingest::parse_opml(xml);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r.value().size(), 45u);
  std::set<std::string> urls, groups;
  for (const Subscription& s : r.value()) {
    EXPECT_EQ(s.xml_url.rfind("https://", 0), 0u) << s.xml_url;
    EXPECT_FALSE(s.title.empty());
    ASSERT_EQ(s.category.size(), 1u) << s.title;
    groups.insert(s.category[0]);
    urls.insert(s.xml_url);
  }
  EXPECT_EQ(urls.size(), r.value().size());  // no duplicates
  EXPECT_EQ(groups,
            (std::set<std::string>{"News", "Research", "National CERTs", "Vendor advisories"}));
}

}  // namespace
}  // namespace osprey::testing
