// Pages in legacy encodings come out as UTF-8, whichever way the encoding
// is known: the HTTP header, a <meta> tag, or a guess.
#include <gtest/gtest.h>

#include "ingest/html/page_support.h"
#include "osprey/ingest/html/html_tree.h"
#include "osprey/text/utf8.h"

namespace osprey::testing {
namespace {

TEST(Charset, Windows1252DeclaredInMeta) {
  Article a = read_ok(fixture_page("windows1252.html"));
  EXPECT_EQ(a.title, "Café naïve – résumé");
  EXPECT_TRUE(contains(a.text, "Le café « naïf » a subi une attaque – les données"));
  EXPECT_TRUE(contains(a.text, "l’entreprise"));
}

TEST(Charset, Koi8rDeclaredInMetaCharset) {
  Article a = read_ok(fixture_page("koi8r.html"));
  EXPECT_EQ(a.title, "Утечка данных");
  EXPECT_TRUE(contains(a.text, "Злоумышленники получили доступ к базе данных клиентов"));
}

TEST(Charset, ShiftJisFromTheHttpHeader) {
  Article a = read_ok(fixture_page("shift_jis_no_meta.html", "shift_jis"));
  EXPECT_EQ(a.title, "情報漏えい");
  EXPECT_TRUE(contains(a.text, "不正アクセスにより顧客情報が漏えいした可能性がある"));
}

TEST(Charset, ShiftJisWithNoDeclarationIsGuessed) {
  Article a = read_ok(fixture_page("shift_jis_no_meta.html"));
  EXPECT_TRUE(contains(a.text, "顧客情報"));
}

TEST(Charset, HttpCharsetOverridesTheMetaTag) {
  // The bytes are windows-1252 but the meta tag lies; the header is right.
  std::string html =
      "<html><head><meta charset='utf-8'></head><body><p>Caf\xE9 cr\xE8me</p></body></html>";
  Article a = read_ok(inline_page(html, "ISO-8859-1"));
  EXPECT_EQ(a.text, "Café crème");
}

TEST(Charset, ResavedUtf8PageThatStillClaimsALegacyCharsetIsReadAsUtf8) {
  Article a = read_ok(inline_page(
      "<html><head><meta charset='gb2312'><title>\xE6\x96\xB0\xE9\x97\xBB</title></head>"
      "<body><p>\xE6\x96\xB0\xE9\x97\xBB text</p></body></html>"));
  EXPECT_EQ(a.title, "新闻");
  EXPECT_EQ(a.text, "新闻 text");
}

TEST(Charset, UnknownCharsetFallsBackWithAWarning) {
  Article a = read_ok(inline_page("<p>plain words</p>", "x-no-such-charset"));
  EXPECT_EQ(a.text, "plain words");
  ASSERT_FALSE(a.warnings.empty());
  EXPECT_TRUE(contains(a.warnings.front(), "x-no-such-charset"));
}

TEST(Charset, ChooseEncodingOrder) {
  using ingest::html::choose_encoding;
  EXPECT_EQ(choose_encoding("KOI8-R", "utf-8", "x"), "koi8-r");
  EXPECT_EQ(choose_encoding("", "iso-8859-1", "x"), "windows-1252");
  EXPECT_EQ(choose_encoding("", "", "\xEF\xBB\xBFtext"), "utf-8");
  EXPECT_EQ(choose_encoding("", "", "caf\xC3\xA9"), "utf-8");
}

TEST(Charset, InvalidUtf8InAUtf8PageIsRepairedNotMisread) {
  std::string html =
      "<html><head><meta charset='utf-8'></head><body><p>caf\xC3\xA9 \xFF\xFE broken "
      "and then more caf\xC3\xA9</p></body></html>";
  Article a = read_ok(inline_page(html));
  EXPECT_TRUE(text::is_valid_utf8(a.text));
  EXPECT_TRUE(contains(a.text, "café \xEF\xBF\xBD"));
  EXPECT_TRUE(contains(a.text, "more café"));  // not switched to Latin-1 after the bad bytes
  bool warned = false;
  for (const auto& w : a.warnings) warned |= contains(w, "UTF-8");
  EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace osprey::testing
