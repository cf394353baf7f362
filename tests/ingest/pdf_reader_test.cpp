#include "osprey/ingest/pdf_reader.h"

#include <gtest/gtest.h>

#include "ingest/pdf_writer.h"

namespace osprey::ingest {
namespace {

using osprey::testing::PdfPage;
using osprey::testing::write_pdf;

Document pdf_document(std::string body) {
  Document doc;
  doc.url = "report.pdf";
  doc.body = std::move(body);
  return doc;
}

std::vector<PdfPage> report_pages(int count) {
  static const char* const kImplants[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
  std::vector<PdfPage> pages;
  for (int p = 1; p <= count; ++p) {
    // Built by appending: GCC 12 warns (wrongly) on a chain of operator+ here.
    std::string number = std::to_string(p);
    std::string heading = "Page ";
    heading.append(number).append(" section heading line that is long enough");
    std::string footer = "ACME Research 2024 | page ";
    footer.append(number);
    PdfPage page;
    page.lines = {"ACME Threat Intelligence - TLP:CLEAR",
                  heading,
                  "The actor sent spear-phishing messages to ministries in the",
                  "region and staged its loader on 203.0.113.9 before moving on.",
                  std::string("It then deployed the backdoor ") + kImplants[(p - 1) % 6] + ".",
                  footer};
    pages.push_back(page);
  }
  return pages;
}

TEST(PdfReader, ReadsTextAndMetadata) {
  auto article = read_pdf(pdf_document(
      write_pdf(report_pages(3), "Operation Lantern", "ACME Research", "D:20240105103000Z")));
  ASSERT_TRUE(article.ok()) << article.error().message;
  EXPECT_EQ(article.value().kind, "pdf");
  EXPECT_EQ(article.value().title, "Operation Lantern");
  EXPECT_EQ(article.value().authors, std::vector<std::string>{"ACME Research"});
  EXPECT_EQ(article.value().published_at, 1704450600);
  EXPECT_NE(article.value().text.find("staged its loader on 203.0.113.9"), std::string::npos);
}

TEST(PdfReader, DropsRunningHeadersFootersAndPageNumbers) {
  auto article = read_pdf(pdf_document(write_pdf(report_pages(4))));
  ASSERT_TRUE(article.ok());
  const std::string& text = article.value().text;
  EXPECT_EQ(text.find("TLP:CLEAR"), std::string::npos) << text;
  EXPECT_EQ(text.find("| page"), std::string::npos) << text;
  EXPECT_NE(text.find("deployed the backdoor alpha"), std::string::npos) << text;
  EXPECT_NE(text.find("deployed the backdoor delta"), std::string::npos) << text;
}

TEST(PdfReader, JoinsWrappedLinesIntoParagraphs) {
  PdfPage page;
  page.lines = {"The group relied on a modular implant whose configuration was",
                "stored in the registry and refreshed every hour by its loader.", "Short end.",
                "A second paragraph begins on this line and carries on with",
                "more words until it also ends here."};
  auto article = read_pdf(pdf_document(write_pdf({page})));
  ASSERT_TRUE(article.ok());
  EXPECT_NE(article.value().text.find("configuration was stored in the registry"),
            std::string::npos)
      << article.value().text;
  EXPECT_NE(article.value().text.find("Short end.\n\nA second paragraph"), std::string::npos)
      << article.value().text;
}

TEST(PdfReader, DamagedTruncatedAndNonPdfInputAreErrors) {
  std::string pdf = write_pdf(report_pages(2));
  EXPECT_FALSE(read_pdf(pdf_document("not a pdf at all")).ok());
  EXPECT_FALSE(read_pdf(pdf_document("")).ok());
  // A truncated file either reads what survives or fails cleanly.
  auto truncated = read_pdf(pdf_document(pdf.substr(0, pdf.size() / 2)));
  if (truncated.ok())
    EXPECT_EQ(truncated.value().kind, "pdf");
  else
    EXPECT_NE(truncated.error().message.find("report.pdf"), std::string::npos);
}

TEST(PdfReader, CapsThePageCount) {
  PdfOptions options;
  options.max_pages = 2;
  auto article = read_pdf(pdf_document(write_pdf(report_pages(5))), options);
  ASSERT_TRUE(article.ok());
  ASSERT_EQ(article.value().warnings.size(), 1u);
  EXPECT_NE(article.value().warnings[0].find("2 of 5"), std::string::npos);
}

TEST(PdfReader, RecognisesPdfBytes) {
  EXPECT_TRUE(looks_like_pdf("%PDF-1.7\n..."));
  EXPECT_TRUE(looks_like_pdf("\n\n%PDF-1.4"));
  EXPECT_FALSE(looks_like_pdf("<html>"));
}

}  // namespace
}  // namespace osprey::ingest
