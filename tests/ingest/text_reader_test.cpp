#include "osprey/ingest/text_reader.h"

#include <gtest/gtest.h>

namespace osprey::ingest {
namespace {

Document text_document(std::string url, std::string body, std::string charset = "") {
  Document doc;
  doc.url = std::move(url);
  doc.body = std::move(body);
  doc.charset = std::move(charset);
  return doc;
}

TEST(TextReader, TitleIsTheFirstShortLine) {
  auto article =
      read_text(text_document("note.txt", "Lazarus hits exchange\r\n\r\nBody line.\r\n"));
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article.value().title, "Lazarus hits exchange");
  EXPECT_EQ(article.value().text, "Lazarus hits exchange\n\nBody line.");
  EXPECT_EQ(article.value().kind, "text");
}

TEST(TextReader, MarkdownHeadingsAndCodeFences) {
  auto article = read_text(text_document(
      "report.md",
      "# Operation Dusk\n\nIntro text.\n\n## IOCs ##\n```\nevil[.]example  1.2.3.4\n```\n"));
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article.value().title, "Operation Dusk");
  EXPECT_EQ(article.value().kind, "markdown");
  EXPECT_EQ(article.value().text, "Intro text.\n\nIOCs\nevil[.]example  1.2.3.4");
}

TEST(TextReader, ConvertsDeclaredAndDetectedCharsets) {
  auto latin = read_text(text_document("a.txt", "Caf\xE9 cr\xE8me", "iso-8859-1"));
  ASSERT_TRUE(latin.ok());
  EXPECT_EQ(latin.value().text, "Caf\xC3\xA9 cr\xC3\xA8me");
  auto utf16 = read_text(text_document("b.txt", std::string("\xFF\xFEH\0i\0", 6)));
  ASSERT_TRUE(utf16.ok());
  EXPECT_EQ(utf16.value().text, "Hi");
}

TEST(TextReader, InvalidUtf8IsRepairedNotRejected) {
  auto article = read_text(text_document("c.txt", "ok \xC3\x28 still ok", "utf-8"));
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article.value().text, "ok \xEF\xBF\xBD( still ok");
}

TEST(TextReader, BinaryIsAClearError) {
  auto article = read_text(text_document("blob.bin", std::string("\x7F"
                                                                 "ELF\0\0\1",
                                                                 7)));
  ASSERT_FALSE(article.ok());
  EXPECT_NE(article.error().message.find("blob.bin"), std::string::npos);
  EXPECT_FALSE(read_text(text_document("d.txt", "text", "no-such-charset")).ok());
}

}  // namespace
}  // namespace osprey::ingest
