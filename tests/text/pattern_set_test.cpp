#include "osprey/text/pattern_set.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace osprey::text {
namespace {

class PatternSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("osprey-ps-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    previous_ = std::getenv("OSPREY_CACHE_DIR") ? std::getenv("OSPREY_CACHE_DIR") : "";
    setenv("OSPREY_CACHE_DIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    setenv("OSPREY_CACHE_DIR", previous_.c_str(), 1);
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::string previous_;
};

std::vector<PatternMatch> scan_all(const PatternSet& set, std::string_view text) {
  std::vector<PatternMatch> out;
  set.scan(text, [&](const PatternMatch& m) { out.push_back(m); });
  return out;
}

TEST_F(PatternSetTest, SecondCompileComesFromTheCacheAndMatchesTheSame) {
  std::vector<Pattern> patterns = {{"abc", true, 7}, {"x[0-9]+y", false, 9}};
  auto first = PatternSet::compile(patterns, true);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first.value()->from_cache());
  auto second = PatternSet::compile(patterns, true);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second.value()->from_cache());
  auto a = scan_all(*first.value(), "ABC x12y");
  auto b = scan_all(*second.value(), "ABC x12y");
  ASSERT_EQ(a.size(), 2u);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(a[0].id, 7u);
  EXPECT_EQ(a[0].from, 0u);
  EXPECT_EQ(a[0].to, 3u);
  EXPECT_EQ(a[1].id, 9u);
  EXPECT_EQ(a[1].from, 4u);
  EXPECT_EQ(b[1].to, a[1].to);
}

TEST_F(PatternSetTest, ACorruptCacheFileIsRebuilt) {
  std::vector<Pattern> patterns = {{"needle", true, 1}};
  ASSERT_TRUE(PatternSet::compile(patterns, false).ok());
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::FILE* f = std::fopen(entry.path().c_str(), "wb");
    std::fputs("garbage", f);
    std::fclose(f);
  }
  auto again = PatternSet::compile(patterns, false);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again.value()->from_cache());
  EXPECT_EQ(scan_all(*again.value(), "a needle").size(), 1u);
}

TEST_F(PatternSetTest, EndOnlySetsReportTheEndAsStart) {
  auto set = PatternSet::compile({{"b+", true, 0}}, false);
  ASSERT_TRUE(set.ok());
  auto matches = scan_all(*set.value(), "abbc");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches.back().to, 3u);
  EXPECT_EQ(matches.back().from, matches.back().to);
}

TEST_F(PatternSetTest, ScansFromSeveralThreadsAtOnceMatchAsAlone) {
  auto set =
      PatternSet::compile({{"evil[0-9]+", true, 0}, {"b+", false, 1}, {"gate", true, 2}}, false);
  ASSERT_TRUE(set.ok());
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "EVIL" + std::to_string(i) + " abbb gate x ";
  const std::vector<PatternMatch> alone = scan_all(*set.value(), text);
  ASSERT_GT(alone.size(), 6000u);
  auto same = [](const std::vector<PatternMatch>& a, const std::vector<PatternMatch>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto& x, auto& y) {
             return x.id == y.id && x.from == y.from && x.to == y.to;
           });
  };
  std::vector<int> agreed(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < agreed.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round)
        agreed[t] += same(scan_all(*set.value(), text), alone);
    });
  for (std::thread& t : threads) t.join();
  for (int a : agreed) EXPECT_EQ(a, 20);
}

TEST_F(PatternSetTest, ABadPatternIsAnErrorNamingIt) {
  auto set = PatternSet::compile({{"(unclosed", true, 0}}, false);
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("(unclosed"), std::string::npos);
}

}  // namespace
}  // namespace osprey::text
