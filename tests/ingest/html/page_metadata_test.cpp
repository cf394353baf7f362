// Metadata sources in order of trust: JSON-LD, then <meta> tags, then the DOM.
#include "osprey/ingest/html/page_metadata.h"

#include <gtest/gtest.h>

#include "ingest/html/page_support.h"

namespace osprey::testing {
namespace {

TEST(PageMetadata, JsonLdWinsOverOpenGraphAndMetaTags) {
  Article a = read_ok(fixture_page("news_site.html"));
  EXPECT_EQ(a.title, "Water utility hit by ransomware, services restored");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Jane Okafor", "Tom Reyes"}));
  EXPECT_EQ(a.published, "2024-03-05T08:30:00Z");
  EXPECT_EQ(a.published_at, 1709627400);
  EXPECT_EQ(a.canonical_url, "https://ledger.example/news/2024/03/water-utility-ransomware");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.site_name, "The Daily Ledger");
}

TEST(PageMetadata, JsonLdGraphArticleIsFound) {
  Article a = read_ok(fixture_page("vendor_research.html"));
  EXPECT_EQ(a.title, "GlassMoth: a new loader delivered through fake invoices");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Priya Raman"}));
  EXPECT_EQ(a.published, "2024-06-12T14:05:00-04:00");
  EXPECT_EQ(a.published_at, 1718215500);  // 18:05 UTC
  EXPECT_EQ(a.canonical_url, "https://labs.acme.example/glassmoth/");
  EXPECT_EQ(a.site_name, "Acme Threat Labs");  // og:site_name beats the WebSite node's name
}

TEST(PageMetadata, OpenGraphAndParselyWithoutJsonLd) {
  Article a = read_ok(fixture_page("content_farm.html"));
  EXPECT_EQ(a.title, "Bank warns customers about SMS scam");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Staff Writer"}));
  EXPECT_EQ(a.published, "Mon, 15 Apr 2024 07:45:00 GMT");
  EXPECT_EQ(a.published_at, 1713167100);
  EXPECT_EQ(a.canonical_url, "https://viral.example/bank-sms-scam");
  EXPECT_EQ(a.language, "en");  // og:locale en_US
}

TEST(PageMetadata, DomFallbacksWhenThePageDeclaresNothing) {
  Article a = read_ok(fixture_page("dom_only.html"));
  EXPECT_EQ(a.title, "Patchday: Kritische Lücken in Routern geschlossen");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Karin Maier"}));
  EXPECT_EQ(a.published, "2024-02-14");
  EXPECT_EQ(a.published_at, 1707868800);
  EXPECT_EQ(a.language, "de");
  EXPECT_TRUE(a.canonical_url.empty());
  EXPECT_TRUE(contains(a.text, "sieben Sicherheitslücken"));
  EXPECT_FALSE(contains(a.text, "Archiv"));
}

TEST(PageMetadata, CitationTagsAndSiteSuffixOfTheTitle) {
  Article a =
      read_ok(inline_page("<html><head><title>A study of botnets | Journal of Nets</title>"
                          "<meta name='citation_author' content='Ada Lovelace'>"
                          "<meta name='citation_author' content='Alan Turing'>"
                          "<meta name='citation_publication_date' content='2023/11/02'>"
                          "<meta name='application-name' content='Journal of Nets'>"
                          "</head><body><p>Abstract text of the paper.</p></body></html>"));
  EXPECT_EQ(a.title, "A study of botnets");
  EXPECT_EQ(a.authors, (std::vector<std::string>{"Ada Lovelace", "Alan Turing"}));
  EXPECT_EQ(a.published_at, 1698883200);
  EXPECT_EQ(a.site_name, "Journal of Nets");
}

TEST(PageMetadata, BrokenJsonLdIsSkipped) {
  Article a = read_ok(
      inline_page("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", "
                  "</script><meta property='og:title' content='From OpenGraph'></head>"
                  "<body><p>Body.</p></body></html>"));
  EXPECT_EQ(a.title, "From OpenGraph");
}

TEST(PageMetadata, AuthorNamesThatAreUrlsAreIgnored) {
  Article a = read_ok(inline_page(
      "<html><head><meta property='article:author' content='https://facebook.com/someone'>"
      "</head><body><p>Body.</p></body></html>"));
  EXPECT_TRUE(a.authors.empty());
}

TEST(PrimaryLanguage, TakesThePrimarySubtag) {
  EXPECT_EQ(ingest::html::primary_language("en-US"), "en");
  EXPECT_EQ(ingest::html::primary_language("pt_BR"), "pt");
  EXPECT_EQ(ingest::html::primary_language(" DE "), "de");
  EXPECT_EQ(ingest::html::primary_language("english"), "");
  EXPECT_EQ(ingest::html::primary_language(""), "");
}

}  // namespace
}  // namespace osprey::testing
