#include "osprey/text/utf8.h"

#include <gtest/gtest.h>

namespace osprey::text {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("пример.рф 安全 😀 é"));
}

TEST(Utf8, RejectsIllFormedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));      // truncated at end
  EXPECT_FALSE(is_valid_utf8("12345678\x80"));  // after the ASCII fast path
}

TEST(Utf8, RepairReplacesEachBadByte) {
  EXPECT_EQ(repair_utf8("a\xFF"
                        "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(repair_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(repair_utf8("ok é"), "ok é");
}

TEST(Utf8, CutNeverSplitsASequence) {
  std::string s =
      "a\xE2\x82\xAC"
      "b";  // a€b
  EXPECT_EQ(utf8_cut_before(s, 2), 1u);
  EXPECT_EQ(utf8_cut_before(s, 3), 1u);
  EXPECT_EQ(utf8_cut_before(s, 4), 4u);
  EXPECT_EQ(utf8_cut_before(s, 99), s.size());
}

TEST(Utf8, InvalidRunsAreReportedOnce) {
  std::vector<std::pair<size_t, size_t>> runs;
  for_each_invalid_utf8("ok\xFF\xFE ok \x80",
                        [&](size_t at, size_t len) { runs.emplace_back(at, len); });
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0], std::make_pair(size_t{2}, size_t{2}));
  EXPECT_EQ(runs[1], std::make_pair(size_t{8}, size_t{1}));
}

}  // namespace
}  // namespace osprey::text
