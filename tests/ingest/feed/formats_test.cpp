// One fixture per format and version: every field parse_feed() promises.
#include <gtest/gtest.h>

#include "ingest/feed/feed_support.h"
#include "osprey/text/dates.h"

namespace osprey::testing {
namespace {

using ingest::Feed;

TEST(FeedFormats, Rss2ReadsChannelAndItems) {
  Feed f = parse_fixture("rss2.xml");
  EXPECT_EQ(f.format, "rss2");
  EXPECT_EQ(f.title, "Example Security News");
  EXPECT_EQ(f.link, "https://news.example.com/");
  EXPECT_EQ(f.language, "en-us");
  EXPECT_EQ(f.updated_at, text::unix_seconds(2024, 11, 5, 12, 0, 0));
  ASSERT_EQ(f.items.size(), 3u);
  EXPECT_TRUE(f.warnings.empty());

  const auto& a = f.items[0];
  EXPECT_EQ(a.title, "Patch now: CVE-2024-3400 exploited & weaponised");
  EXPECT_EQ(a.link, "https://news.example.com/2024/11/patch-now");
  EXPECT_EQ(a.id, "news-example-12345");
  EXPECT_EQ(a.published, "Tue, 05 Nov 2024 10:15:00 +0100");
  EXPECT_EQ(a.published_at, text::unix_seconds(2024, 11, 5, 9, 15, 0));
  EXPECT_EQ(a.summary, "<p>Short teaser.</p>");
  EXPECT_EQ(a.content, "<p>The full story about <a href=\"/cve\">CVE-2024-3400</a>.</p>");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Jane Analyst"});
  EXPECT_EQ(a.categories, (std::vector<std::string>{"Vulnerabilities", "Palo Alto"}));
  ASSERT_EQ(a.enclosures.size(), 3u);
  EXPECT_EQ(a.enclosures[0].url, "https://news.example.com/podcast/ep1.mp3");
  EXPECT_EQ(a.enclosures[0].type, "audio/mpeg");
  EXPECT_EQ(a.enclosures[0].length, 123456);
  EXPECT_EQ(a.enclosures[1].url, "https://cdn.example.com/img/patch.jpg");
  EXPECT_EQ(a.enclosures[1].length, 2048);
  EXPECT_EQ(a.enclosures[2].url, "https://feeds.example.com/img/patch-thumb.jpg");

  const auto& b = f.items[1];
  EXPECT_EQ(b.title, "Ransomware gang \"LockBit\" returns \u2013 again");
  EXPECT_EQ(b.authors, std::vector<std::string>{"Eddie Editor"});
  EXPECT_EQ(b.published_at, text::unix_seconds(2024, 11, 4, 13, 0, 0));
  EXPECT_EQ(b.summary, "<p>Escaped <em>HTML</em> body.</p>");
  EXPECT_EQ(b.content, b.summary);  // no fuller body: content falls back to the summary

  const auto& c = f.items[2];
  EXPECT_EQ(c.link, "https://news.example.com/?p=3");  // a permalink guid
  EXPECT_EQ(c.published_at, 0);
}

TEST(FeedFormats, Rss091WithNetscapeDoctypeAndHtmlEntities) {
  Feed f = parse_fixture("rss091.xml");
  EXPECT_EQ(f.format, "rss0.91");
  EXPECT_EQ(f.title, "Advisories & Alerts");
  EXPECT_EQ(f.language, "fr");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].title, "Vuln\u00e9rabilit\u00e9 dans OpenSSH\u00a09.8");
  EXPECT_NE(f.items[0].summary.find("d\u00e9couverte"), std::string::npos);
  EXPECT_TRUE(all_utf8(f));
}

TEST(FeedFormats, Rss092) {
  Feed f = parse_fixture("rss092.xml");
  EXPECT_EQ(f.format, "rss0.92");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].link, "");
  EXPECT_EQ(f.items[0].categories, std::vector<std::string>{"Malware"});
  ASSERT_EQ(f.items[0].enclosures.size(), 1u);
  EXPECT_EQ(f.items[0].enclosures[0].length, 42);
}

TEST(FeedFormats, Rdf) {
  Feed f = parse_fixture("rdf.xml");
  EXPECT_EQ(f.format, "rdf");
  EXPECT_EQ(f.title, "JVN-like RDF feed");
  EXPECT_EQ(f.language, "ja");
  ASSERT_EQ(f.items.size(), 2u);
  const auto& a = f.items[0];
  EXPECT_EQ(a.title, "JVN#1: 脆弱性 in router firmware");
  EXPECT_EQ(a.id, "https://jvn.example.jp/JVN1");
  EXPECT_EQ(a.summary, "Plain description");
  EXPECT_EQ(a.content, "<p>Rich body</p>");
  EXPECT_EQ(a.authors, std::vector<std::string>{"JPCERT/CC"});
  EXPECT_EQ(a.categories, std::vector<std::string>{"Routers"});
  EXPECT_EQ(a.published_at, text::unix_seconds(2024, 11, 5, 1, 15, 0));
  EXPECT_EQ(f.items[1].published_at, text::unix_seconds(2024, 11, 4, 0, 0, 0));
}

TEST(FeedFormats, Rss090) {
  Feed f = parse_fixture("rss090.xml");
  EXPECT_EQ(f.format, "rss0.90");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].link, "http://netscape.example.com/1");
}

TEST(FeedFormats, Atom1) {
  Feed f = parse_fixture("atom1.xml");
  EXPECT_EQ(f.format, "atom1");
  EXPECT_EQ(f.title, "Threat Research Blog");
  EXPECT_EQ(f.link, "https://blog.example.org/");
  EXPECT_EQ(f.description, "Deep dives");
  EXPECT_EQ(f.language, "en");
  ASSERT_EQ(f.items.size(), 2u);
  const auto& a = f.items[0];
  EXPECT_EQ(a.title, "APT29 & the new loader");
  EXPECT_EQ(a.link, "https://blog.example.org/research/2024/apt29-loader.html");
  EXPECT_EQ(a.id, "tag:blog.example.org,2024:1");
  EXPECT_EQ(a.published, "2024-11-05T10:15:00.123+01:00");
  EXPECT_EQ(a.published_at, text::unix_seconds(2024, 11, 5, 9, 15, 0));
  EXPECT_EQ(a.updated_at, text::unix_seconds(2024, 11, 6, 8, 0, 0));
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Alice Hunter", "bob@example.org"}));
  EXPECT_EQ(a.categories, (std::vector<std::string>{"APT", "malware"}));
  EXPECT_EQ(a.summary, "<p>Summary in <b>HTML</b></p>");
  EXPECT_EQ(a.content, "<p>Full <a href=\"ioc.html\">IOCs</a> inside.</p>");
  ASSERT_EQ(a.enclosures.size(), 1u);
  EXPECT_EQ(a.enclosures[0].url, "https://blog.example.org/reports/apt29.pdf");
  EXPECT_EQ(a.enclosures[0].length, 99999);

  const auto& b = f.items[1];
  EXPECT_EQ(b.title, "Plain <text> title");
  EXPECT_EQ(b.link, "https://elsewhere.example.net/post");
  EXPECT_EQ(b.content, "Plain text &amp; more");  // text content, escaped as HTML
  EXPECT_EQ(b.published_at, text::unix_seconds(2024, 11, 4, 9, 0, 0));  // from <updated>
}

TEST(FeedFormats, Atom03) {
  Feed f = parse_fixture("atom03.xml");
  EXPECT_EQ(f.format, "atom0.3");
  EXPECT_EQ(f.description, "Legacy Atom");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_EQ(f.items[0].published_at, text::unix_seconds(2004, 11, 5, 15, 15, 0));
  EXPECT_EQ(f.items[0].content, "<p>Escaped body</p>");
  EXPECT_EQ(f.items[0].authors, std::vector<std::string>{"Old Timer"});
}

TEST(FeedFormats, JsonFeed1) {
  Feed f = parse_fixture("jsonfeed1.json", "", "https://json.example.com/feed.json");
  EXPECT_EQ(f.format, "jsonfeed1");
  EXPECT_EQ(f.link, "https://json.example.com/");
  ASSERT_EQ(f.items.size(), 2u);
  const auto& a = f.items[0];
  EXPECT_EQ(a.title, "First & best");
  EXPECT_EQ(a.link, "https://json.example.com/posts/1");
  EXPECT_EQ(a.content, "Text only &lt;body&gt;");
  EXPECT_EQ(a.summary, "Short");
  EXPECT_EQ(a.published_at, text::unix_seconds(2024, 11, 5, 18, 15, 0));
  EXPECT_EQ(a.authors, std::vector<std::string>{"Solo Author"});
  EXPECT_EQ(a.categories, (std::vector<std::string>{"phishing", "email"}));
  EXPECT_EQ(f.items[1].id, "2");
  EXPECT_EQ(f.items[1].content, "<p>HTML</p>");
}

TEST(FeedFormats, JsonFeed11) {
  Feed f = parse_fixture("jsonfeed11.json");
  EXPECT_EQ(f.format, "jsonfeed1.1");
  EXPECT_EQ(f.language, "de");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_TRUE(has_warning(f, "not an object"));
  const auto& a = f.items[0];
  EXPECT_EQ(a.title, "Neue Lücke");
  EXPECT_EQ(a.content, "<p>Inhalt</p>");  // content_html wins over content_text
  EXPECT_EQ(a.updated_at, text::unix_seconds(2024, 11, 6, 10, 15, 0));
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Eins", "Zwei"}));
  ASSERT_EQ(a.enclosures.size(), 1u);
  EXPECT_EQ(a.enclosures[0].type, "application/pdf");
  EXPECT_EQ(a.enclosures[0].length, 1000);
}

TEST(FeedFormats, NotAFeedIsAnError) {
  for (const char* name : {"not_a_feed.html", "not_a_feed.json"}) {
    auto r = ingest::parse_feed(feed_document(feed_fixture(name), name));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_NE(r.error().message.find(name), std::string::npos);
    EXPECT_NE(r.error().message.find("not a feed"), std::string::npos);
  }
  std::string binary = "\x89PNG\r\n\x1a\n";
  binary += std::string("\0\0\0\rIHDR", 8);
  auto png = ingest::parse_feed(feed_document(binary, "img.png"));
  ASSERT_FALSE(png.ok());
  EXPECT_NE(png.error().message.find("binary"), std::string::npos);
  EXPECT_FALSE(ingest::parse_feed(feed_document("", "empty")).ok());
  EXPECT_FALSE(ingest::parse_feed(feed_document("{\"version\": ", "cut.json")).ok());
  EXPECT_FALSE(ingest::parse_feed(feed_document("just some words", "words.txt")).ok());
}

}  // namespace
}  // namespace osprey::testing
