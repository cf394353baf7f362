#include "osprey/ingest/paragraphs.h"

#include <gtest/gtest.h>

namespace osprey::ingest {
namespace {

TEST(Paragraphs, MendsWordsHyphenatedAtLineEnds) {
  EXPECT_EQ(join_wrapped_lines({"the exploi-", "tation began"}), "the exploitation began");
}

TEST(Paragraphs, KeepsRealHyphensAndCompoundWords) {
  EXPECT_EQ(join_wrapped_lines({"a command-", "and-control server"}),
            "a command-and-control server");
  EXPECT_EQ(join_wrapped_lines({"see CVE-", "2024-1234"}), "see CVE-2024-1234");
}

TEST(Paragraphs, BlankLinesSeparateParagraphs) {
  EXPECT_EQ(join_wrapped_lines({"one line", "", "", "two"}), "one line\n\ntwo");
}

TEST(Paragraphs, ListItemsStayOnTheirOwnLines) {
  EXPECT_EQ(join_wrapped_lines({"Indicators observed in the campaign were", "- 203.0.113.5",
                                "- evil.example", "1. first step"}),
            "Indicators observed in the campaign were\n- 203.0.113.5\n- evil.example\n1. first "
            "step");
}

TEST(Paragraphs, EmptyInputGivesEmptyText) {
  EXPECT_EQ(join_wrapped_lines({}), "");
}

}  // namespace
}  // namespace osprey::ingest
