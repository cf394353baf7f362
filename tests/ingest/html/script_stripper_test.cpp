#include "osprey/ingest/html/script_stripper.h"

#include <gtest/gtest.h>

namespace osprey::ingest::html {
namespace {

TEST(StripScripts, DropsScriptStyleSvgAndComments) {
  StrippedPage page = strip_scripts(
      "<p>a</p><SCRIPT type='text/javascript'>if (x < y) {}</script><p>b</p>"
      "<style>p{}</style><svg><text>svg text</text></svg><!-- <script> --><p>c</p>");
  EXPECT_EQ(page.html.find("x < y"), std::string::npos);
  EXPECT_EQ(page.html.find("svg text"), std::string::npos);
  EXPECT_EQ(page.html.find("p{}"), std::string::npos);
  EXPECT_NE(page.html.find("<p>a</p>"), std::string::npos);
  EXPECT_NE(page.html.find("<p>b</p>"), std::string::npos);
  EXPECT_NE(page.html.find("<p>c</p>"), std::string::npos);
}

TEST(StripScripts, KeepsJsonLdAside) {
  StrippedPage page = strip_scripts(
      "<script type=\"application/ld+json\">{\"@type\":\"Article\"}</script>"
      "<script>var a;</script><script type='APPLICATION/LD+JSON'>[1]</script>");
  ASSERT_EQ(page.json_ld.size(), 2u);
  EXPECT_EQ(page.json_ld[0], "{\"@type\":\"Article\"}");
  EXPECT_EQ(page.json_ld[1], "[1]");
}

TEST(StripScripts, UnclosedScriptRunsToTheEnd) {
  StrippedPage page = strip_scripts("<p>kept</p><script>never closed <p>hidden</p>");
  EXPECT_NE(page.html.find("kept"), std::string::npos);
  EXPECT_EQ(page.html.find("hidden"), std::string::npos);
}

TEST(StripScripts, TagNamesThatOnlyStartLikeScriptAreKept) {
  StrippedPage page = strip_scripts("<scripture>verse</scripture><styled>x</styled>");
  EXPECT_NE(page.html.find("verse"), std::string::npos);
  EXPECT_NE(page.html.find("<styled>x"), std::string::npos);
}

TEST(StripScripts, NulBytesBecomeSpaces) {
  StrippedPage page = strip_scripts(std::string("a\0b", 3));
  EXPECT_EQ(page.html, "a b");
}

TEST(SniffMetaCharset, BothForms) {
  EXPECT_EQ(sniff_meta_charset("<meta charset=\"Shift_JIS\">"), "shift_jis");
  EXPECT_EQ(
      sniff_meta_charset("<meta http-equiv='Content-Type' content='text/html; charset=KOI8-R'>"),
      "koi8-r");
  EXPECT_EQ(sniff_meta_charset("<p>charset=utf-8</p>"), "");
  EXPECT_EQ(sniff_meta_charset("<meta name='x'>"), "");
}

}  // namespace
}  // namespace osprey::ingest::html
