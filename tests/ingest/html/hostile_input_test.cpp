// Input written to hurt the parser: it gets an Article or a clear Error,
// in time linear in its size, never a crash or a blown stack.
#include <gtest/gtest.h>

#include <chrono>

#include "ingest/html/page_support.h"
#include "osprey/text/utf8.h"

namespace osprey::testing {
namespace {

double elapsed_seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(HostileInput, MillionNestedDivs) {
  std::string html = "<html><body>";
  for (int i = 0; i < 1000000; ++i) html += "<div>";
  html += "<p>The innermost paragraph, deep inside a million divs, still has its words.</p>";
  for (int i = 0; i < 1000000; ++i) html += "</div>";
  html += "</body></html>";
  auto start = std::chrono::steady_clock::now();
  auto result = ingest::read_article(inline_page(html));
  EXPECT_LT(elapsed_seconds(start), 20.0);
  ASSERT_TRUE(result.ok()) << result.error().message;
  // libxml2 stops descending at 256 levels; the reader says so instead of
  // pretending the page was read whole.
  const Article& a = result.value();
  EXPECT_TRUE(text::is_valid_utf8(a.text));
  bool warned = false;
  for (const auto& w : a.warnings) warned |= contains(w, "nested too deeply");
  EXPECT_TRUE(warned);
}

TEST(HostileInput, MillionUnclosedNestedInlineTags) {
  std::string html;
  for (int i = 0; i < 1000000; ++i) html += (i % 2) ? "<span>" : "<b>x ";
  auto result = ingest::read_article(inline_page(html));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(text::is_valid_utf8(result.value().text));
}

TEST(HostileInput, DeepButParseableNestingKeepsText) {
  std::string html = "<html><body>";
  for (int i = 0; i < 200; ++i) html += "<div>";
  html += "<p>Two hundred levels down, this paragraph is still read by the parser.</p>";
  Article a = read_ok(inline_page(html));
  EXPECT_TRUE(contains(a.text, "Two hundred levels down"));
}

TEST(HostileInput, DeeplyNestedJsonLd) {
  std::string html = "<html><head><script type='application/ld+json'>" + std::string(500000, '[') +
                     std::string(500000, ']') +
                     "</script></head><body><p>Text after the JSON.</p></body></html>";
  Article a = read_ok(inline_page(html));
  EXPECT_EQ(a.text, "Text after the JSON.");
  EXPECT_TRUE(a.title.empty());
}

TEST(HostileInput, UnclosedEverything) {
  Article a = read_ok(inline_page(
      "<html><head><title>Unclosed<body><div class='content'><p>First paragraph of a page "
      "that never closes anything, written to see whether the parser copes with it at all"
      "<p>Second paragraph, also unclosed, with a <a href='x'>link<table><tr><td>cell"
      "<script>var x = '<p>not text</p>'"));
  EXPECT_TRUE(contains(a.text, "First paragraph of a page"));
  EXPECT_FALSE(contains(a.text, "not text"));
}

TEST(HostileInput, InvalidUtf8AndNulBytes) {
  using namespace std::string_literals;
  std::string html = "<html><body><p>before\0after \xC0\xAF\xED\xA0\x80 tail "s;
  html.push_back('\0');
  html += "end</p>\xFF\xFF</body></html>";
  Article a = read_ok(inline_page(html));
  EXPECT_TRUE(text::is_valid_utf8(a.text));
  EXPECT_TRUE(contains(a.text, "tail"));
  EXPECT_TRUE(contains(a.text, "end"));
  EXPECT_TRUE(contains(a.text, "after"));
  EXPECT_EQ(a.text.find('\0'), std::string::npos);
}

TEST(HostileInput, BinaryGarbageIsAClearError) {
  std::string garbage;
  uint32_t x = 12345;
  for (int i = 0; i < 100000; ++i) {
    x = x * 1103515245 + 12345;
    char c = static_cast<char>(x >> 24);
    garbage.push_back(c == '<' ? '\0' : c);
  }
  auto result = ingest::read_article(inline_page(garbage));
  if (result.ok()) {
    EXPECT_TRUE(text::is_valid_utf8(result.value().text));
  } else {
    EXPECT_TRUE(contains(result.error().message, "inline.html"));
    EXPECT_TRUE(contains(result.error().message, "binary"));
  }
  // Mostly NUL bytes with no markup is certainly not a page.
  auto nuls = ingest::read_article(inline_page(std::string(10000, '\0')));
  ASSERT_FALSE(nuls.ok());
  EXPECT_TRUE(contains(nuls.error().message, "not an HTML page"));
}

TEST(HostileInput, EmptyAndWhitespacePages) {
  for (const char* body : {"", "   \n\t  "}) {
    Article a = read_ok(inline_page(body));
    EXPECT_TRUE(a.text.empty());
    EXPECT_FALSE(a.warnings.empty());
  }
}

TEST(HostileInput, TwentyMegabytePageInLinearTime) {
  std::string html = "<html><head><title>Big</title></head><body>";
  const std::string block =
      "<div class='post'><h2>Section</h2><p>A paragraph of ordinary prose, with commas, that "
      "repeats until the page is very large, to check the time it takes.</p>"
      "<ul><li><a href='/x'>a link</a></li><li><a href='/y'>another link</a></li></ul></div>\n";
  while (html.size() < (20u << 20)) html += block;
  html += "</body></html>";
  auto start = std::chrono::steady_clock::now();
  Article a = read_ok(inline_page(html));
  EXPECT_LT(elapsed_seconds(start), 30.0);
  EXPECT_TRUE(contains(a.text, "A paragraph of ordinary prose"));
}

TEST(HostileInput, OversizedPageIsRefused) {
  ingest::ArticleOptions options;
  options.max_page_bytes = 1000;
  auto result = ingest::read_article(inline_page(std::string(2000, 'a')), options);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(contains(result.error().message, "too large"));
}

TEST(HostileInput, NoNetworkForExternalEntitiesOrDoctypes) {
  // An external DTD and an entity must neither be fetched nor expanded.
  Article a = read_ok(
      inline_page("<!DOCTYPE html SYSTEM \"http://127.0.0.1:1/evil.dtd\" [<!ENTITY x SYSTEM "
                  "\"file:///etc/passwd\">]><html><body><p>Visible &x; text</p></body></html>"));
  EXPECT_FALSE(contains(a.text, "root:"));
  EXPECT_TRUE(contains(a.text, "Visible"));
}

}  // namespace
}  // namespace osprey::testing
