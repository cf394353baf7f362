#include "osprey/text/long_runs.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace osprey::text {
namespace {

// The plain definition: a byte at a time.
std::vector<uint64_t> reference(std::string_view s, size_t min_len) {
  std::vector<uint64_t> ends;
  size_t run = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    unsigned char c = i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alnum) {
      ++run;
      continue;
    }
    if (run >= min_len) ends.push_back(i);
    run = 0;
  }
  return ends;
}

std::vector<uint64_t> vectorised(std::string_view s, size_t min_len) {
  std::vector<uint64_t> ends;
  for_each_long_run(s, min_len, [&](uint64_t end) { ends.push_back(end); });
  return ends;
}

TEST(LongRuns, FindsHashesAndNothingInProse) {
  std::string text =
      "hash 44d88612fea8a8f36de82e1278abb02f here, and words of ordinary length only.";
  EXPECT_EQ(vectorised(text, 25), std::vector<uint64_t>{37});
  EXPECT_TRUE(vectorised("short words only, nothing long at all in this sentence", 25).empty());
}

TEST(LongRuns, AgreesWithTheBytewiseDefinition) {
  std::mt19937 rng(5);
  const std::string alphabet = "aZ09 .-\xC3\xA9";  // letters, digits, separators, a UTF-8 letter
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    size_t length = rng() % 400;
    for (size_t i = 0; i < length; ++i) {
      // Long alphanumeric stretches with occasional breaks.
      s += rng() % 24 == 0 ? alphabet[4 + rng() % 5] : alphabet[rng() % 4];
    }
    for (size_t min_len : {1u, 5u, 17u, 25u, 40u, 64u, 70u})
      ASSERT_EQ(vectorised(s, min_len), reference(s, min_len)) << s << " min " << min_len;
  }
}

TEST(LongRuns, RunAtTheEndAndAcrossBlocks) {
  std::string s = std::string(7, ' ') + std::string(60, 'a');
  EXPECT_EQ(vectorised(s, 25), std::vector<uint64_t>{s.size()});
  std::string t = std::string(15, 'x') + " " + std::string(30, '1') + " ";
  EXPECT_EQ(vectorised(t, 25), reference(t, 25));
}

}  // namespace
}  // namespace osprey::text
