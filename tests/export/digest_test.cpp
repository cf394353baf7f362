#include "osprey/export/digest.h"

#include <cryptopp/base64.h>
#include <cryptopp/filters.h>
#include <cryptopp/sha.h>
#include <gtest/gtest.h>

#include <regex>

#include "export/export_fixture.h"
#include "osprey/export/formats.h"

namespace osprey::exporting {
namespace {

ExportSet hostile_set() {
  ExportSet set = testing::fixture_set();
  ExportArticle& a = set.stories[0].articles[0];
  set.stories[0].title = "<script>alert('x')</script> & \"friends\"";
  a.article.site_name = "<img src=x onerror=alert(1)>";
  ExportArticle& b = set.stories[0].articles[1];
  b.article.url = "javascript:alert(document.cookie)";
  b.article.site_name = "Evil Outlet";
  return set;
}

TEST(Defang, MakesIndicatorsUnclickable) {
  EXPECT_EQ(defang("url", "https://evil.example.com/a.b"), "hxxps://evil[.]example[.]com/a.b");
  EXPECT_EQ(defang("domain", "evil.example.com"), "evil.example[.]com");
  EXPECT_EQ(defang("ipv4", "45.77.13.201"), "45.77.13[.]201");
  EXPECT_EQ(defang("email", "a@b.example"), "a[@]b[.]example");
  EXPECT_EQ(defang("sha1", "ab"), "ab");
}

TEST(HtmlEscape, EscapesEverythingSpecial) {
  EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST(DigestHtml, EscapesHostileArticleText) {
  const std::string html = to_digest_html(hostile_set(), testing::fixture_options());
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;"),
            std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);  // not a link
  EXPECT_NE(html.find("Evil Outlet"), std::string::npos);         // but still named
  EXPECT_NE(html.find("<a href=\"https://news.example/apt29-embassies\""), std::string::npos);
}

TEST(DigestMarkdown, EscapesHostileArticleText) {
  const std::string md = to_digest_markdown(hostile_set(), testing::fixture_options());
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find("(javascript:"), std::string::npos);
  EXPECT_NE(md.find("](https://news.example/apt29-embassies)"), std::string::npos);
  EXPECT_EQ(md.find("<img"), std::string::npos);
}

TEST(DigestMarkdown, ListsTheStoryWithDefangedIndicators) {
  const std::string md = to_digest_markdown(testing::fixture_set(), testing::fixture_options());
  EXPECT_NE(md.find("## APT29 phishes European embassies with Cobalt Strike"), std::string::npos)
      << md;
  EXPECT_NE(md.find("APT29 \\(sponsor: Russia\\)"), std::string::npos) << md;
  EXPECT_NE(md.find("Cobalt Strike"), std::string::npos);
  EXPECT_NE(md.find("T1566\\.001"), std::string::npos);
  EXPECT_NE(md.find("CVE\\-2023\\-23397"), std::string::npos);
  EXPECT_NE(md.find("update\\-cdn\\[\\.\\]net"), std::string::npos) << md;
  EXPECT_EQ(md.find("update-cdn.net"), std::string::npos);
  EXPECT_EQ(md.find("Ten gadgets"), std::string::npos);      // noise left out
  EXPECT_EQ(md.find("192\\.168"), std::string::npos);        // benign left out
  EXPECT_NE(md.find("\n> APT29"), std::string::npos) << md;  // the summary, from the lead
  EXPECT_NE(md.find("*2 sources · severity high"), std::string::npos) << md;
  EXPECT_NE(md.find("1 item triaged as noise left out"), std::string::npos) << md;
  EXPECT_NE(md.find("**Stories by day:** 2024-11-05: 1"), std::string::npos) << md;
}

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  size_t start = text.find(open);
  if (start == std::string::npos) return {};
  start += open.size();
  return text.substr(start, text.find(close, start) - start);
}

TEST(DigestHtml, IsSelfContainedWithAChartAndATablePerStory) {
  const std::string html = to_digest_html(testing::fixture_set(), testing::fixture_options());
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width"), std::string::npos);
  EXPECT_NE(html.find("<svg class=\"volume\""), std::string::npos);
  EXPECT_NE(html.find("<rect class=\"bar\""), std::string::npos);
  EXPECT_NE(html.find("<section class=\"story\" id=\"story-1\">"), std::string::npos);
  EXPECT_NE(html.find("<table class=\"facts\">"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"summary\">APT29"), std::string::npos);
  for (const char* forbidden : {"<script", "javascript:", "src=", "@import", "url("})
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden;
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<[^>]*\son[a-z]+\s*=)")))
      << "an inline event handler";
  // The policy allows exactly the page's own style block, by its hash.
  const std::string csp = between(html, "Content-Security-Policy\" content=\"", "\"");
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
  const std::string style = between(html, "<style>", "</style>");
  std::string digest, encoded;
  CryptoPP::SHA256 sha;
  CryptoPP::StringSource(style, true,
                         new CryptoPP::HashFilter(sha, new CryptoPP::StringSink(digest)));
  CryptoPP::StringSource(digest, true,
                         new CryptoPP::Base64Encoder(new CryptoPP::StringSink(encoded), false));
  EXPECT_EQ(csp, "default-src 'none'; style-src 'sha256-" + encoded + "'");
}

TEST(DigestHtml, SaysSoWhenThereIsNothing) {
  ExportSet empty;
  empty.generated_at = 1730801700;
  const std::string html = to_digest_html(empty, {});
  EXPECT_NE(html.find("No security stories."), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(to_digest_markdown(empty, {}).find("No security stories."), std::string::npos);
}

TEST(Digest, OrdersStoriesByImportance) {
  ExportSet set = testing::fixture_set();
  ExportOptions options = testing::fixture_options();
  options.include_noise = true;
  std::swap(set.stories[0], set.stories[1]);  // the noise story first
  const std::string md = to_digest_markdown(set, options);
  size_t apt = md.find("## APT29");
  size_t gadgets = md.find("## Ten gadgets");
  ASSERT_NE(apt, std::string::npos);
  ASSERT_NE(gadgets, std::string::npos);
  EXPECT_LT(apt, gadgets);
  EXPECT_EQ(md, to_digest_markdown(set, options));
}

}  // namespace
}  // namespace osprey::exporting
