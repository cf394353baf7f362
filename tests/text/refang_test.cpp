#include "osprey/text/refang.h"

#include <gtest/gtest.h>

namespace osprey::text {
namespace {

struct Case {
  const char* defanged;
  const char* plain;
};

class RefangStyles : public ::testing::TestWithParam<Case> {};

TEST_P(RefangStyles, RewritesToThePlainForm) {
  EXPECT_EQ(refang_string(GetParam().defanged), GetParam().plain);
}

INSTANTIATE_TEST_SUITE_P(
    EveryStyle, RefangStyles,
    ::testing::Values(
        Case{"hxxp://evil.com/a", "http://evil.com/a"},
        Case{"hxxps://evil.com", "https://evil.com"}, Case{"HXXPS://evil.com", "https://evil.com"},
        Case{"fxp://files.evil.com", "ftp://files.evil.com"},
        Case{"h**p://evil.com", "http://evil.com"}, Case{"hxxp[:]//evil.com", "http://evil.com"},
        Case{"http[://]evil.com", "http://evil.com"}, Case{"evil[.]com", "evil.com"},
        Case{"evil(.)com", "evil.com"}, Case{"evil{.}com", "evil.com"},
        Case{"evil[dot]com", "evil.com"}, Case{"evil(dot)com", "evil.com"},
        Case{"evil [.] com", "evil.com"}, Case{"evil\\.com", "evil.com"},
        Case{"1.2.3[.]4", "1.2.3.4"}, Case{"john[@]evil.com", "john@evil.com"},
        Case{"john[at]evil.com", "john@evil.com"}, Case{"john(at)evil.com", "john@evil.com"},
        Case{"john [at] evil.com", "john@evil.com"},
        Case{"hxxp://[evil.com]/x", "http://evil.com/x"}, Case{"evil . com", "evil.com"},
        Case{"mail dot evil dot com", "mail.evil.com"},
        Case{"evil\xEF\xBC\x8E"
             "com",
             "evil.com"},  // full-width dot
        Case{"evil\xE3\x80\x82"
             "com",
             "evil.com"},  // ideographic full stop
        Case{"a.com\xEF\xBC\x8F"
             "x",
             "a.com/x"},                           // full-width slash
        Case{"ev\xE2\x80\x8Bil.com", "evil.com"},  // zero-width space
        Case{"evil.c\xE2\x81\xA0om", "evil.com"},  // word joiner
        Case{"CVE-2021\xE2\x80\x93"
             "44228",
             "CVE-2021-44228"}  // en dash
        ));

TEST(Refang, LeavesProseAlone) {
  for (const char* prose : {"We meet (at) noon.", "the dot com bubble burst", "a dot com company",
                            "Use hxxp as the scheme word.", "He said [at] most three.",
                            "Call (555) 010-4477.", "see [1] and (2).", "end . Then"}) {
    EXPECT_EQ(refang_string(prose), prose) << prose;
  }
}

TEST(Refang, IdeographicFullStopEndsChineseSentences) {
  std::string prose =
      "\xE6\x88\x91\xE4\xBB\xAC\xE6\x9D\xA5\xE8\x87\xAA\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82"
      "\xE4\xB8\xAD\xE5\x9B\xBD\xE6\x98\xAF\xE4\xB8\x80\xE4\xB8\xAA\xE5\xA4\xA7\xE5\x9B\xBD";
  EXPECT_EQ(refang_string(prose), prose);
}

TEST(Refang, IllFormedBytesBecomeSpacesOfTheSameLength) {
  std::string input = "evil\xFF.com";
  Refanger r = std::move(Refanger::create()).value();
  MappedText m = r.refang(input);
  EXPECT_EQ(m.view(), "evil .com");
  EXPECT_FALSE(m.rewritten(0, m.view().size()));  // not a defang
}

TEST(Refang, RecordsWhatItRewrote) {
  Refanger r = std::move(Refanger::create()).value();
  std::string input = "go to hxxp://evil[.]com now";
  MappedText m = r.refang(input);
  EXPECT_EQ(m.view(), "go to http://evil.com now");
  EXPECT_TRUE(m.rewritten(6, 21));
  EXPECT_FALSE(m.rewritten(22, 25));
  EXPECT_EQ(m.to_original(6, 21), (Span{6, 23}));
}

}  // namespace
}  // namespace osprey::text
