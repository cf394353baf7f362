// Feeds in the encodings servers still send, declared in the XML or in HTTP.
#include <gtest/gtest.h>

#include "ingest/feed/feed_support.h"
#include "osprey/text/utf8.h"

namespace osprey::testing {
namespace {

struct Case {
  const char* fixture;
  const char* charset;  // as HTTP would send it
  const char* title;    // the first item's title, UTF-8
};

TEST(FeedEncodings, EveryOutputIsUtf8) {
  const Case cases[] = {
      {"windows1252.xml", "", "\u201cQuoted\u201d caf\u00e9 \u20ac5"},
      {"iso8859_15.xml", "", "Prix: 10\u20ac \u0153uvre"},
      {"koi8r.xml", "", "\u0423\u044f\u0437\u0432\u0438\u043c\u043e\u0441\u0442\u044c \u0432 Exim"},
      {"shift_jis.xml", "", "\u8106\u5f31\u6027\u60c5\u5831"},
      {"utf16le_bom.xml", "", "Gr\u00fc\u00dfe \u2603"},
      {"latin1_no_declaration.xml", "iso-8859-1", "Sch\u00f6ne Gr\u00fc\u00dfe"},
      // The HTTP charset wins over the declaration, as RFC 7303 says.
      {"windows1252.xml", "windows-1252", "\u201cQuoted\u201d caf\u00e9 \u20ac5"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.fixture);
    ingest::Feed f = parse_fixture(c.fixture, c.charset);
    ASSERT_EQ(f.items.size(), 1u);
    EXPECT_EQ(f.items[0].title, c.title);
    EXPECT_TRUE(all_utf8(f));
  }
}

TEST(FeedEncodings, KoiTitleOfTheChannel) {
  EXPECT_EQ(parse_fixture("koi8r.xml").title, "\u041d\u043e\u0432\u043e\u0441\u0442\u0438");
}

TEST(FeedEncodings, Latin1BytesWithoutCharsetAreRepairedNotLost) {
  ingest::Feed f = parse_fixture("latin1_no_declaration.xml");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_TRUE(all_utf8(f));
  EXPECT_NE(f.items[0].title.find("Sch"), std::string::npos);
  EXPECT_EQ(f.items[0].link, "https://l1.example.com/1");
}

TEST(FeedEncodings, WrongLatinHttpCharsetOnAUtf8BodyIsIgnored) {
  ingest::Feed f = parse_fixture("rdf.xml", "iso-8859-1");
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(f.items[0].title, "JVN#1: 脆弱性 in router firmware");
  EXPECT_TRUE(has_warning(f, "charset"));
}

TEST(FeedEncodings, UnknownCharsetFallsBackToUtf8) {
  ingest::Feed f = parse_fixture("rss2.xml", "x-no-such-charset");
  EXPECT_EQ(f.items.size(), 3u);
  EXPECT_TRUE(all_utf8(f));
}

TEST(FeedEncodings, AnUnreadableDeclarationStillGivesUtf8) {
  // Found by feed_fuzz: "version=1" without quotes hides encoding="KOI8-R",
  // and the KOI8-R bytes of the titles came out unconverted.
  Document doc;
  doc.url = "https://fuzz.example.com/feed.xml";
  doc.body =
      "<?xml version=1\".0\" encoding=\"KOI8-R\"?>\n<rs\xff version=\"2.0\"><channel><title>"
      "\xee\xcf\xd7\xcf\xd3\xd4\xc9</title><itef><title>\xf5\xd1\xda\xd7 Exim</title>"
      "<link>http\xdcs://ru.example.com/1</link></item></channel></rss>\n";
  auto feed = ingest::parse_feed(doc);
  if (!feed.ok()) return;  // refusing it is fine; garbage out is not
  EXPECT_TRUE(text::is_valid_utf8(feed.value().title)) << feed.value().title;
  for (const auto& item : feed.value().items) {
    EXPECT_TRUE(text::is_valid_utf8(item.title)) << item.title;
    EXPECT_TRUE(text::is_valid_utf8(item.link)) << item.link;
  }
}

}  // namespace
}  // namespace osprey::testing
