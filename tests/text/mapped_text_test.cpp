#include "osprey/text/mapped_text.h"

#include <gtest/gtest.h>

namespace osprey::text {
namespace {

TEST(MappedText, WithoutRewritesIsTheOriginal) {
  std::string original = "nothing to do";
  MappedText m(original, {});
  EXPECT_TRUE(m.identity());
  EXPECT_EQ(m.view().data(), original.data());  // no copy
  EXPECT_EQ(m.to_original(2, 5), (Span{2, 5}));
  EXPECT_FALSE(m.rewritten(0, original.size()));
}

TEST(MappedText, SpansMapBackAcrossShorterReplacements) {
  // "evil[.]com and x" -> "evil.com and x"
  std::string original = "evil[.]com and x";
  MappedText m(original, {{4, 7, ".", true}});
  EXPECT_EQ(m.view(), "evil.com and x");
  EXPECT_EQ(m.to_original(0, 8), (Span{0, 10}));     // the whole domain
  EXPECT_EQ(m.to_original(13, 14), (Span{15, 16}));  // after the edit
  EXPECT_TRUE(m.rewritten(0, 8));
  EXPECT_FALSE(m.rewritten(9, 14));
}

TEST(MappedText, DeletionsAtTheEdgeStayOutside) {
  // zero-width space (3 bytes) right before and inside an indicator
  std::string original =
      "\xE2\x80\x8B"
      "a.b\xE2\x80\x8B"
      "c";
  MappedText m(original, {{0, 3, "", true}, {6, 9, "", true}});
  EXPECT_EQ(m.view(), "a.bc");
  EXPECT_EQ(m.to_original(0, 3), (Span{3, 6}));  // "a.b": the leading deletion is outside
  EXPECT_EQ(m.to_original(0, 4), (Span{3, 10}));
  EXPECT_FALSE(m.rewritten(0, 3));  // deletions at the edges do not count
  EXPECT_TRUE(m.rewritten(0, 4));   // the one inside does
}

TEST(MappedText, NormalisationIsNotDefanging) {
  std::string original =
      "CVE-2021\xE2\x80\x93"
      "44228";
  MappedText m(original, {{8, 11, "-", false}});
  EXPECT_EQ(m.view(), "CVE-2021-44228");
  EXPECT_FALSE(m.rewritten(0, 14));
  EXPECT_EQ(m.to_original(0, 14), (Span{0, 16}));
}

}  // namespace
}  // namespace osprey::text
