#include "osprey/text/markup.h"

#include <gtest/gtest.h>

namespace osprey::text {
namespace {

TEST(Markup, DetectsHtmlDocuments) {
  EXPECT_TRUE(looks_like_html("  <!DOCTYPE html><html>"));
  EXPECT_TRUE(looks_like_html("\xEF\xBB\xBF<html lang=en>"));
  EXPECT_FALSE(looks_like_html("Plain text mentioning <b>."));
}

TEST(Markup, BlanksTagsScriptsAndCommentsKeepingOffsets) {
  std::string html =
      "<p>C2: <b>evil.com</b></p><script>var x='bad.com';</script><!-- hidden.com -->ok";
  std::string text = blank_markup(html);
  ASSERT_EQ(text.size(), html.size());
  EXPECT_EQ(text.find("evil.com"), html.find("evil.com"));
  EXPECT_EQ(text.find("bad.com"), std::string::npos);
  EXPECT_EQ(text.find("hidden.com"), std::string::npos);
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text[0], '\n');  // a block tag starts a new line
}

TEST(Markup, SurvivesUnclosedAndHostileMarkup) {
  EXPECT_EQ(blank_markup("<script>never closed").find("never"), std::string::npos);
  EXPECT_EQ(blank_markup("a < b and c > d"), "a < b and c > d");
  std::string nested(100000, '<');
  EXPECT_EQ(blank_markup(nested).size(), nested.size());
}

}  // namespace
}  // namespace osprey::text
