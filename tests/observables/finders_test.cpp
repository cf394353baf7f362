#include <gtest/gtest.h>

#include <random>

#include "osprey/observables/validators.h"

namespace osprey::observables {
namespace {

std::vector<uint64_t> dots(std::string_view text) {
  std::vector<uint64_t> ends;
  find_non_ascii_dots(
      text,
      [](uint64_t end, void* ctx) { static_cast<std::vector<uint64_t>*>(ctx)->push_back(end); },
      &ends);
  return ends;
}

// Every full stop with a byte >= 0x80 on either side, reported at i + 2.
std::vector<uint64_t> reference(std::string_view s) {
  std::vector<uint64_t> ends;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '.') continue;
    bool before = i > 0 && static_cast<unsigned char>(s[i - 1]) >= 0x80;
    bool after = static_cast<unsigned char>(s[i + 1]) >= 0x80;
    if (before || after) ends.push_back(i + 2);
  }
  return ends;
}

TEST(Finders, NonAsciiDotsAroundInternationalNames) {
  std::string text = "visit \xD0\xBF\xD1\x80.\xD1\x80\xD1\x84 or plain.com.";
  EXPECT_EQ(dots(text), reference(text));
  EXPECT_EQ(dots(text).size(), 1u);
  EXPECT_TRUE(dots("all ascii. nothing. here.").empty());
}

TEST(Finders, NonAsciiDotsAgreeWithTheBytewiseDefinition) {
  std::mt19937 rng(9);
  const char pieces[] = {'a', '.', ' ', '\xD1', '\x80', 'z'};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    size_t length = rng() % 200;
    for (size_t i = 0; i < length; ++i) s += pieces[rng() % (round % 2 ? 6 : 3)];
    ASSERT_EQ(dots(s), reference(s));
  }
}

}  // namespace
}  // namespace osprey::observables
