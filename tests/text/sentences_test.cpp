#include "osprey/text/sentences.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

namespace osprey::text {
namespace {

std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> out;
  for (const Span& s : split_sentences(text))
    out.emplace_back(text.substr(s.start, s.end - s.start));
  return out;
}

TEST(Sentences, SplitsAtFullStopsBeforeCapitals) {
  EXPECT_EQ(sentences_of("The group struck. Then it left! Did it? Yes."),
            (std::vector<std::string>{"The group struck.", "Then it left!", "Did it?", "Yes."}));
}

TEST(Sentences, IndicatorsAndAbbreviationsDoNotSplit) {
  EXPECT_EQ(
      sentences_of("It used evil.com and 10.0.0.1 (e.g. for C2). Mr. Smith of Acme Inc. agreed."),
      (std::vector<std::string>{"It used evil.com and 10.0.0.1 (e.g. for C2).",
                                "Mr. Smith of Acme Inc. agreed."}));
}

TEST(Sentences, EveryLineIsItsOwnItem) {
  EXPECT_EQ(sentences_of("IOCs:\n  evil.com\n\n  10.0.0.1  \n"),
            (std::vector<std::string>{"IOCs:", "evil.com", "10.0.0.1"}));
}

TEST(Sentences, IndexFindsTheContainingSentence) {
  std::string text = "One. Two. Three.";
  auto spans = split_sentences(text);
  EXPECT_EQ(sentence_index(spans, 0), 0u);
  EXPECT_EQ(sentence_index(spans, 6), 1u);
  EXPECT_EQ(sentence_index(spans, 15), 2u);
}

TEST(Sentences, PrintableFoldsSpaceRepairsAndCuts) {
  EXPECT_EQ(printable_sentence("a \n\t b\xFF"), "a b\xEF\xBF\xBD");
  std::string long_text(1000, 'x');
  long_text[500] = 'Y';
  std::string cut = printable_sentence(long_text, 500, 100);
  EXPECT_LE(cut.size(), 100u + 10u);
  EXPECT_NE(cut.find('Y'), std::string::npos);
  EXPECT_EQ(cut.rfind("… ", 0), 0u);
}

// The sentence around any byte of a sentence is the one split_sentences
// finds, on random texts of words, terminators, abbreviations, indicators
// and line breaks shorter than the search reach (the vectorised search
// must see every terminator the plain one did).
TEST(Sentences, AroundAgreesWithSplitOnRandomText) {
  static constexpr std::array<const char*, 16> kPieces = {
      "word ", "Capital ", "evil.com ", "e.g. ", "1.2.3.4 ", ". ", "! ", "? ", "\n", "  ",
      "Dr. ",  "end.",     "x",         "(",     "\"A\" ", "9 "};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1), count(1, 60);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (size_t n = count(rng); n > 0; --n) text += kPieces[pick(rng)];
    for (const Span& s : split_sentences(text))
      for (uint64_t pos = s.start; pos < s.end; ++pos) {
        Span around = sentence_around(text, pos);
        ASSERT_EQ(around.start, s.start) << ::testing::PrintToString(text) << " at " << pos;
        ASSERT_EQ(around.end, s.end) << ::testing::PrintToString(text) << " at " << pos;
      }
  }
}

}  // namespace
}  // namespace osprey::text
