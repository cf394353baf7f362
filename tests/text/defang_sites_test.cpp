// The hand-written defang-site finder against the rules' regular
// expressions: on random text made of defang fragments, prose and odd
// bytes, refanging from either set of sites must give the same text and
// the same record of rewrites.
#include "osprey/text/defang_sites.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

#include "osprey/text/refang.h"
#include "osprey/text/utf8.h"

namespace osprey::text {
namespace {

const PatternSet& rule_expressions() {
  static const std::unique_ptr<PatternSet> set = [] {
    std::vector<Pattern> patterns;
    for (unsigned i = 0; i < kDefangRuleCount; ++i)
      patterns.push_back({kDefangRulePatterns[i], true, i});
    auto compiled = PatternSet::compile(patterns, /*report_start=*/true);
    if (!compiled.ok()) std::abort();
    return std::move(compiled).value();
  }();
  return *set;
}

// Refanged as the expressions specify.
MappedText by_expressions(std::string_view text) {
  std::vector<PatternMatch> sites, invalid;
  rule_expressions().scan(text, [&](const PatternMatch& m) { sites.push_back(m); });
  for_each_invalid_utf8(text, [&](size_t start, size_t length) {
    invalid.push_back({0, start, start + length});
  });
  MappedText out;
  refang_sites(text, std::move(sites), invalid, out);
  return out;
}

MappedText by_finder(std::string_view text) {
  return std::move(Refanger::create()).value().refang(text);
}

void expect_same(const std::string& text) {
  MappedText want = by_expressions(text), got = by_finder(text);
  ASSERT_EQ(got.view(), want.view()) << "input: " << ::testing::PrintToString(text);
  for (uint64_t i = 0; i < got.view().size(); ++i) {
    ASSERT_EQ(got.rewritten(i, i + 1), want.rewritten(i, i + 1)) << text << " at " << i;
    ASSERT_EQ(got.to_original(i, i + 1).start, want.to_original(i, i + 1).start) << text;
  }
}

TEST(DefangSites, AgreeWithTheRuleExpressionsOnEveryStyle) {
  for (const char* text :
       {"hxxp://evil.com/a", "HXXPS://evil.com", "fxp://a.b", "h**p://x.com", "h__ps[:]//x.com",
        "hxtp(://)x.com", "htxp{://}x.com", "hxxxp:[//]x.com", "http[:/]/x.com", "a[.]b",
        "a [ . ] b", "a(.)b", "a{.}b", "a [dot] b", "a( DOT )b", "a{dot}b", "john [at] x.com",
        "john(@)x.com", "john{at}x.com", "a\\.b", "evil . com", "mail dot evil DOT com",
        "x[/]y", "x(/)y", "x{/}y", "x[:]y", "x{:}y", "hxxp://[evil.com]/x", "user@[mail.evil.com]",
        "[a-b.c-d]:80", "evil\xEF\xBC\x8E"
        "com",
        "evil\xEF\xBD\xA1"
        "com",
        "\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82\xE4\xB8\xAD", "a\xE2\x80\xA4"
                                                            "b",
        "a.com\xEF\xBC\x8F"
        "x",
        "a\xE2\x88\x95"
        "b",
        "a\xE2\x81\x84"
        "b",
        "h\xEF\xBC\x9A//", "a\xEF\xBC\xA0"
                           "b.com",
        "ev\xE2\x80\x8Bil", "e\xE2\x80\x8Cv\xE2\x80\x8Di\xE2\x81\xA0l\xEF\xBB\xBF.c\xC2\xAD"
                            "om",
        "CVE-2021\xE2\x80\x93"
        "44228",
        "12\xE2\x80\x90"
        "34",
        "evil\xFF\xFE.com", "\xC3", "x\xE2\x80", "We meet (at) noon.", "the dot com bubble",
        "Use hxxp as the scheme word.", "see [1] and (2).", "end . Then", "_hxxp://x", ":[//]",
        "[", "(", "{", "\\", "."})
    expect_same(text);
}

TEST(DefangSites, AgreeWithTheRuleExpressionsOnRandomText) {
  // Fragments that start, end or nearly make a defang, and plain words.
  static constexpr std::array<std::string_view, 70> kFragments = {
      "hxxp",  "hXXps", "fxp",    "h**p",  "h__p",   "hxtp",  "htxp",   "hxxxp", "hxp",  "://",
      "[",     "]",     "(",      ")",     "{",      "}",     ".",      ":",     "/",    "\\",
      "@",     "at",    "AT",     "dot",   "DoT",    " ",     "\t",     "\n",    "\v",   "evil",
      "com",   "a-b",   "-",      "_",     "x",      "d",     "1",      "192",   "\xEF", "\xBC",
      "\x8E",  "\xE2",  "\x80",   "\x8B",  "\x93",   "\xE3",  "\x82",   "\xC2",  "\xAD", "\xFF",
      "\xBB",  "\xBF",  "\x81",   "\xA0",  "\x88",   "\x95",  "word ", "[.]",
      "[:",    ":]",    "(/",     "/)",    "{/",     "/}",    "[@",     "@]",    "{at",  "t}",
      "(d",    "o"};
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<size_t> pick(0, kFragments.size() - 1), length(1, 40);
  for (int round = 0; round < 60000; ++round) {
    std::string text;
    for (size_t n = length(rng); n > 0; --n) text += kFragments[pick(rng)];
    expect_same(text);
    if (HasFatalFailure()) return;
  }
}

TEST(DefangSites, ProseWithoutTriggersHasNoSites) {
  std::vector<PatternMatch> sites, invalid;
  find_defang_sites("The campaign used spear-phishing e-mails against ministries in 2023, "
                    "then moved laterally with stolen credentials",
                    sites, invalid);
  EXPECT_TRUE(sites.empty());
  EXPECT_TRUE(invalid.empty());
}

}  // namespace
}  // namespace osprey::text
