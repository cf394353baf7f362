// File hashes: hex digests, labelled imphashes and ssdeep.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support.h"

using namespace osprey::testing;
using osprey::Findings;
using osprey::Observable;

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? char(c - 32) : c; });
  return s;
}

// Digests of "abc" and of the EICAR test file.
const std::string kMd5 = "44d88612fea8a8f36de82e1278abb02f";
const std::string kSha1 = "3395856ce81f2b7382dee72602f798b642f14140";
const std::string kSha256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
const std::string kSha512 =
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
    "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
const std::string kImphash = "f34d5f2d4577ed6d9ceec516c1f5a744";
const std::string kSsdeep =
    "96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrOqWXLcMSx";

const char* const kHashTypes[] = {"md5", "sha1", "sha256", "sha512", "imphash", "ssdeep"};

// Every hash-type finding in `f`, as "type:value".
std::vector<std::string> hash_pairs(const Findings& f) {
  std::vector<std::string> out;
  for (const Observable& o : f.observables)
    for (const char* t : kHashTypes)
      if (o.type == t) out.push_back(o.type + ":" + o.value);
  return out;
}

}  // namespace

// ---------------------------------------------------------------- hex digests

TEST(HexDigest, Md5WithSpan) {
  const std::string text = "MD5: " + kMd5 + " (loader)";
  Findings f = extract(text);
  const Observable* o = only(f, "md5");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, kMd5);
  EXPECT_EQ(o->spans[0].start, 5u);
  EXPECT_EQ(o->spans[0].end, 37u);
  EXPECT_EQ(all_pairs(f), std::vector<std::string>{"md5:" + kMd5});
}

TEST(HexDigest, Sha1) {
  Findings f = extract("sha1 " + kSha1 + " x");
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"sha1:" + kSha1});
}

TEST(HexDigest, Sha256WithSpan) {
  const std::string text = "The dropper (" + kSha256 + ") was signed.";
  Findings f = extract(text);
  const Observable* o = only(f, "sha256");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, kSha256);
  EXPECT_EQ(o->spans[0].start, 13u);
  EXPECT_EQ(o->spans[0].end, 13u + 64);
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"sha256:" + kSha256});
}

TEST(HexDigest, Sha512) {
  Findings f = extract("sha512 " + kSha512 + ".");
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"sha512:" + kSha512});
}

TEST(HexDigest, AllFourInOneText) {
  Findings f = extract(kMd5 + "\n" + kSha1 + "\n" + kSha256 + "\n" + kSha512 + "\n");
  EXPECT_EQ(hash_pairs(f), (std::vector<std::string>{"md5:" + kMd5, "sha1:" + kSha1,
                                                     "sha256:" + kSha256, "sha512:" + kSha512}));
}

TEST(HexDigest, UppercaseCanonicalisedToLowercase) {
  EXPECT_EQ(values("MD5 " + upper(kMd5) + " x", "md5"), std::vector<std::string>{kMd5});
  EXPECT_EQ(values("SHA1 " + upper(kSha1) + " x", "sha1"), std::vector<std::string>{kSha1});
  EXPECT_EQ(values("SHA256 " + upper(kSha256) + " x", "sha256"), std::vector<std::string>{kSha256});
  EXPECT_EQ(values("SHA512 " + upper(kSha512) + " x", "sha512"), std::vector<std::string>{kSha512});
}

TEST(HexDigest, BothCasesMergeIntoOneObservable) {
  Findings f = extract(kMd5 + " and " + upper(kMd5));
  const Observable* o = only(f, "md5");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->count, 2u);
}

TEST(HexDigest, HexInsideLongerHexRejected) {
  EXPECT_TRUE(hash_pairs(extract("x " + kMd5 + "a y")).empty());                  // 33 hex
  EXPECT_TRUE(hash_pairs(extract("x " + kSha256.substr(0, 63) + " y")).empty());  // 63 hex
  EXPECT_TRUE(hash_pairs(extract("x " + kSha1 + "0 y")).empty());                 // 41 hex
  EXPECT_TRUE(hash_pairs(extract("x " + kSha512 + "a y")).empty());               // 129 hex
}

TEST(HexDigest, PrefixOfLongerDigestNotReported) {
  // A sha256 holds many 32- and 40-hex windows: only the sha256 is reported.
  EXPECT_EQ(hash_pairs(extract("x " + kSha256 + " y")),
            std::vector<std::string>{"sha256:" + kSha256});
  EXPECT_EQ(hash_pairs(extract("x " + kSha512 + " y")),
            std::vector<std::string>{"sha512:" + kSha512});
}

TEST(HexDigest, GluedToLettersRejected) {
  EXPECT_TRUE(hash_pairs(extract("x " + kMd5 + "g y")).empty());
  EXPECT_TRUE(hash_pairs(extract("x g" + kMd5 + " y")).empty());
  EXPECT_TRUE(hash_pairs(extract("x z" + kSha256 + " y")).empty());
}

TEST(HexDigest, MixedCaseRejected) {
  EXPECT_TRUE(hash_pairs(extract("x 44D88612fea8a8f36de82e1278abb02f y")).empty());
  EXPECT_TRUE(
      hash_pairs(extract("x " + upper(kSha256.substr(0, 32)) + kSha256.substr(32) + " y")).empty());
}

TEST(HexDigest, AllDigitsRejected) {
  EXPECT_TRUE(hash_pairs(extract("x 12345678901234567890123456789012 y")).empty());
  EXPECT_TRUE(hash_pairs(extract("x 1234567890123456789012345678901234567890 y")).empty());
}

TEST(HexDigest, AllLettersOrRepeatedRejected) {
  EXPECT_TRUE(hash_pairs(extract("x abcdefabcdefabcdefabcdefabcdefab y")).empty());
  EXPECT_TRUE(hash_pairs(extract("x 00000000000000000000000000000000 y")).empty());
  EXPECT_TRUE(hash_pairs(extract("x ffffffffffffffffffffffffffffffff y")).empty());
}

TEST(HexDigest, FollowedByUnderscoreNameAccepted) {
  const std::string text = "x " + kMd5 + "_payload.exe y";
  Findings f = extract(text);
  const Observable* o = only(f, "md5");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, kMd5);
  EXPECT_EQ(o->spans[0].start, 2u);
  EXPECT_EQ(o->spans[0].end, 34u);
  EXPECT_EQ(values(f, "filename"), std::vector<std::string>{kMd5 + "_payload.exe"});
}

TEST(HexDigest, HexPrefixRejected) {
  EXPECT_TRUE(hash_pairs(extract("x 0x" + kMd5 + " y")).empty());
  EXPECT_TRUE(hash_pairs(extract("x 0X" + kSha256 + " y")).empty());
}

TEST(HexDigest, SeparatedByPunctuationAccepted) {
  EXPECT_EQ(values("md5=" + kMd5 + ";", "md5"), std::vector<std::string>{kMd5});
  EXPECT_EQ(values("\"" + kMd5 + "\"", "md5"), std::vector<std::string>{kMd5});
  EXPECT_EQ(values("|" + kSha1 + "|", "sha1"), std::vector<std::string>{kSha1});
}

// ---------------------------------------------------------------- imphash

TEST(Imphash, LabelledIsImphashNotMd5) {
  const std::string text = "imphash: " + kImphash;
  Findings f = extract(text);
  const Observable* o = only(f, "imphash");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, kImphash);
  EXPECT_EQ(o->spans[0].start, 9u);
  EXPECT_EQ(o->spans[0].end, 41u);
  EXPECT_TRUE(values(f, "md5").empty());
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"imphash:" + kImphash});
}

TEST(Imphash, LabelVariants) {
  EXPECT_EQ(hash_pairs(extract("Imphash = " + upper(kImphash))),
            std::vector<std::string>{"imphash:" + kImphash});
  EXPECT_EQ(hash_pairs(extract("IMPHASH " + kImphash + " x")),
            std::vector<std::string>{"imphash:" + kImphash});
  EXPECT_EQ(hash_pairs(extract("imphash\t\"" + kImphash + "\"")),
            std::vector<std::string>{"imphash:" + kImphash});
}

TEST(Imphash, UnlabelledIsMd5) {
  Findings f = extract(kImphash + " alone");
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"md5:" + kImphash});
}

TEST(Imphash, WordBetweenLabelAndValueMakesItMd5) {
  Findings f = extract("imphash of the loader is " + kImphash);
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"md5:" + kImphash});
}

TEST(Imphash, LabelOnPreviousLineDoesNotApply) {
  Findings f = extract("imphash:\n" + kImphash);
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"md5:" + kImphash});
}

TEST(Imphash, LabelledLongerHexRejected) {
  EXPECT_TRUE(hash_pairs(extract("imphash: " + kImphash + "ab")).empty());
}

// ---------------------------------------------------------------- ssdeep

TEST(Ssdeep, ValidWithSpan) {
  const std::string text = "ssdeep " + kSsdeep + " here";
  Findings f = extract(text);
  const Observable* o = only(f, "ssdeep");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->value, kSsdeep);  // base64: case is significant and kept
  EXPECT_EQ(o->spans[0].start, 7u);
  EXPECT_EQ(o->spans[0].end, 7u + kSsdeep.size());
  EXPECT_EQ(hash_pairs(f), std::vector<std::string>{"ssdeep:" + kSsdeep});
}

TEST(Ssdeep, BlocksizesThreeTimesPowersOfTwo) {
  for (const char* block : {"3", "6", "12", "24", "48", "192", "1536", "98304"}) {
    std::string hash = std::string(block) + ":abcdefghijklmnopqrstuvwxyz:abcdefghijkl";
    EXPECT_EQ(values("fuzzy " + hash + " x", "ssdeep"), std::vector<std::string>{hash}) << block;
  }
}

TEST(Ssdeep, InvalidBlocksizeRejected) {
  for (const char* block : {"100", "9", "18", "0", "1", "2", "4", "36"}) {
    std::string hash = std::string(block) + ":abcdefghijklmnopqrstuvwxyz:abcdefghijkl";
    EXPECT_TRUE(values("fuzzy " + hash + " x", "ssdeep").empty()) << block;
  }
  EXPECT_TRUE(values("ssdeep 100" + kSsdeep.substr(2) + " here", "ssdeep").empty());
}

TEST(Ssdeep, TimesAreNotSsdeep) {
  EXPECT_TRUE(all_pairs(extract("12:30:45 time")).empty());
  EXPECT_TRUE(values("at 3:15:00 the host rebooted", "ssdeep").empty());
}

TEST(Ssdeep, TooShortRejected) {
  EXPECT_TRUE(values("6:abc:def x", "ssdeep").empty());
}

TEST(Ssdeep, ExtraFieldRejected) {
  EXPECT_TRUE(values("x " + kSsdeep + ":abc y", "ssdeep").empty());
}

TEST(Ssdeep, TrailingColonTrimmed) {
  EXPECT_EQ(values("ssdeep " + kSsdeep + ": done", "ssdeep"), std::vector<std::string>{kSsdeep});
}

// Regression (fixed): validate_imphash takes the 32 bytes after the label without checking
// that they are hex digits, so prose after "imphash:" becomes an imphash:
// "Imphash: 2b is listed in the table below." → imphash "2b is listed in the table below."
TEST(Imphash, LabelFollowedByProseIsNotAnImphash) {
  EXPECT_TRUE(all_pairs(extract("Imphash: 2b is listed in the table below.")).empty());
}

// Regression (fixed): same cause: 31 hex digits and a punctuation mark are taken as a
// 32-character imphash ("f34d…a74,").
TEST(Imphash, ThirtyOneHexDigitsAndPunctuationRejected) {
  EXPECT_TRUE(values("imphash: " + kImphash.substr(0, 31) + ", next", "imphash").empty());
  EXPECT_TRUE(values("imphash: " + kImphash.substr(0, 31) + ".", "imphash").empty());
}
