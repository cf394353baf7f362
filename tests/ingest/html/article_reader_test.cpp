// Main text of realistic pages: what an analyst reads is kept, page
// furniture around it is not.
#include "osprey/ingest/html/article_reader.h"

#include <gtest/gtest.h>

#include "ingest/html/page_support.h"
#include "osprey/text/utf8.h"

namespace osprey::testing {
namespace {

TEST(ReadArticle, NewsSiteKeepsTheStoryAndDropsFurniture) {
  Article a = read_ok(fixture_page("news_site.html"));
  for (const char* kept :
       {"A regional water utility serving 300,000 households said on Tuesday",
        "Investigators found the group had spent nine days inside the network",
        "declined to name the group responsible, citing an ongoing investigation.",
        "“We were prepared for this, and the plan worked,”"})
    EXPECT_TRUE(contains(a.text, kept)) << kept;
  for (const char* dropped : {"We use cookies",
                              "Accept all",
                              "Top stories",
                              "Celebrity chef",
                              "Share on Facebook",
                              "Share this article",
                              "Related articles",
                              "Hospital network recovers",
                              "Sign up for our newsletter",
                              "14 comments",
                              "long overdue",
                              "Most read",
                              "Markets slide",
                              "More from The Daily Ledger",
                              "budget laptops",
                              "All rights reserved",
                              "Advertisement",
                              "script text",
                              "style text",
                              "window.dataLayer",
                              "Tags:"})
    EXPECT_FALSE(contains(a.text, dropped)) << dropped;
}

TEST(ReadArticle, ParagraphsHeadingsAndListItemsKeepTheirBoundaries) {
  Article a = read_ok(fixture_page("news_site.html"));
  EXPECT_TRUE(contains(a.text, "encrypting machines.\n\nHow the attack unfolded\n\nEngineers"));
  EXPECT_TRUE(contains(a.text,
                       "taken since the incident:\n\nreset every employee password\n"
                       "rebuilt the affected file servers from clean images\n"
                       "added hardware keys for remote access\n\nNational authorities"));
  EXPECT_EQ(a.text.find("\n\n\n"), std::string::npos);
  EXPECT_EQ(a.text.front(), 'A');  // the headline repeating the title is not in the text
  EXPECT_EQ(a.text.back(), '.');
}

TEST(ReadArticle, IndicatorBlocksAreKeptVerbatim) {
  Article a = read_ok(fixture_page("vendor_research.html"));
  EXPECT_TRUE(contains(a.text,
                       "hxxps://invoice-portal[.]top/get.php?id=7781\n"
                       "185.220.101[.]47:8443\n"
                       "\tupdate-cdn[.]net   (TLS, self-signed)\n"
                       "C:\\Users\\<user>\\AppData\\Roaming\\gm\\gm.exe"));
}

TEST(ReadArticle, TableRowsAreLinesWithSeparatedCells) {
  Article a = read_ok(fixture_page("vendor_research.html"));
  EXPECT_TRUE(
      contains(a.text,
               "File | SHA-256\n"
               "invoice_0623.iso | "
               "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea\n"
               "gm.exe | a3f5c8e1d2b4a6978c0e1f2d3b4a5c6d7e8f90123456789abcdef0123456789a"));
}

TEST(ReadArticle, VendorBlogDropsSidebarShareAndNavigation) {
  Article a = read_ok(fixture_page("vendor_research.html"));
  EXPECT_TRUE(contains(a.text, "Infection chain\n\nThe victim opens an ISO attachment"));
  EXPECT_TRUE(contains(a.text, "ISO attachment with a shortcut file\nPowerShell downloader\n"));
  EXPECT_TRUE(contains(a.text, "detections are available in our products."));
  for (const char* dropped : {"Skip to content", "Contact sales", "Share this:", "Recent posts",
                              "threat report is out", "Categories", "Request a demo"})
    EXPECT_FALSE(contains(a.text, dropped)) << dropped;
}

TEST(ReadArticle, ContentFarmHeadlineListsAroundTheStoryAreDropped) {
  Article a = read_ok(fixture_page("content_farm.html"));
  EXPECT_TRUE(contains(a.text, "A major bank has warned customers"));
  EXPECT_TRUE(contains(a.text, "short codes banks normally use."));
  for (const char* dropped : {"actor looks like now", "Doctors hate", "restore your faith",
                              "Ten celebrities", "kitchen gadget", "season finale", "millennials"})
    EXPECT_FALSE(contains(a.text, dropped)) << dropped;
}

TEST(ReadArticle, DocumentationPageGivesTheContentNotTheNavigation) {
  Article a = read_ok(fixture_page("documentation.html"));
  EXPECT_TRUE(contains(a.text, "Retention controls how long the collector keeps raw events"));
  EXPECT_TRUE(contains(a.text, "retention:\n  days: 90\n  compact: true"));
  EXPECT_TRUE(contains(a.text, "retention.days\nDays to keep raw events. Default 30."));
  for (const char* dropped : {"Installation", "Quick start", "API reference", "Changelog"})
    EXPECT_FALSE(contains(a.text, dropped)) << dropped;
}

TEST(ReadArticle, SourceUrlAndKindComeFromTheDocument) {
  Document doc = inline_page("<html><body><p>Short page.</p></body></html>");
  doc.final_url = "https://example.org/final";
  Article a = read_ok(doc);
  EXPECT_EQ(a.source, "inline.html");
  EXPECT_EQ(a.url, "https://example.org/final");
  EXPECT_EQ(a.kind, "html");
  EXPECT_EQ(a.text, "Short page.");
}

TEST(ReadArticle, PageWithoutTextGivesEmptyTextAndAWarning) {
  Article a =
      read_ok(inline_page("<html><head><title>Only a title</title></head><body>"
                          "<nav><a href='/'>Home</a></nav></body></html>"));
  EXPECT_EQ(a.title, "Only a title");
  EXPECT_TRUE(a.text.empty());
  ASSERT_FALSE(a.warnings.empty());
  EXPECT_TRUE(contains(a.warnings.back(), "no main text"));
}

TEST(ReadArticle, ForumThreadKeepsThePosts) {
  std::string html =
      "<html><head><title>Router keeps rebooting</title></head><body>"
      "<nav><a href='/'>Forums</a> <a href='/new'>New posts</a></nav>"
      "<div class='thread'>";
  for (int i = 0; i < 4; ++i)
    html += "<div class='comment post'><span class='user'>user" + std::to_string(i) +
            "</span><p>Reply number " + std::to_string(i) +
            ": I had the same problem with the router rebooting every night, and updating "
            "the firmware fixed it for me after a factory reset.</p></div>";
  html += "</div><footer>Forum rules</footer></body></html>";
  Article a = read_ok(inline_page(html));
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(contains(a.text, "Reply number " + std::to_string(i))) << a.text;
  EXPECT_FALSE(contains(a.text, "New posts"));
  EXPECT_FALSE(contains(a.text, "Forum rules"));
}

TEST(ReadArticle, OutputIsAlwaysValidUtf8) {
  for (const char* name : {"news_site.html", "vendor_research.html", "windows1252.html",
                           "koi8r.html", "shift_jis_no_meta.html"}) {
    Article a = read_ok(fixture_page(name));
    EXPECT_TRUE(text::is_valid_utf8(a.text)) << name;
    EXPECT_TRUE(text::is_valid_utf8(a.title)) << name;
  }
}

}  // namespace
}  // namespace osprey::testing
