// Where the CLI looks for the knowledge base.
#include "osprey/kb/kb_dir.h"

#include <gtest/gtest.h>

#include <set>

namespace osprey::kb {
namespace {

KbDirSearch search(std::string env, std::string executable, std::set<std::string> with_kb) {
  return {std::move(env), std::move(executable),
          [with_kb](const std::string& dir) { return with_kb.count(dir) > 0; }};
}

TEST(KbDir, EnvironmentWins) {
  auto found =
      find_kb_dir(search("/data/kb", "/repo/build/release/osprey", {"/data/kb", "/repo/kb"}));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), "/data/kb");
}

TEST(KbDir, EnvironmentWithoutKbIsAnError) {
  auto found = find_kb_dir(search("/data/empty", "/repo/build/release/osprey", {"/repo/kb"}));
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.error().message.find("OSPREY_KB=/data/empty"), std::string::npos);
}

TEST(KbDir, CheckoutBuildFindsTheRepositoryKb) {
  auto found = find_kb_dir(search("", "/repo/build/release/osprey", {"/repo/kb"}));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), "/repo/kb");
}

TEST(KbDir, InstalledBinaryFindsTheShareFolder) {
  auto found = find_kb_dir(search("", "/usr/local/bin/osprey", {"/usr/local/share/osprey/kb"}));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), "/usr/local/share/osprey/kb");
}

TEST(KbDir, NothingFoundListsWhatWasTried) {
  auto found = find_kb_dir(search("", "/opt/x/bin/osprey", {}));
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.error().message.find("/opt/kb"), std::string::npos);
  EXPECT_NE(found.error().message.find("/opt/x/share/osprey/kb"), std::string::npos);
  EXPECT_NE(found.error().message.find("--kb"), std::string::npos);
}

TEST(KbDir, DefaultSearchKnowsThisExecutable) {
  KbDirSearch s = default_kb_search();
  EXPECT_FALSE(s.executable.empty());
  EXPECT_FALSE(s.has_kb("/nonexistent/osprey-kb"));
}

}  // namespace
}  // namespace osprey::kb
