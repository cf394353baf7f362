// `osprey kb` as users and scripts call it: exit codes, formats, errors.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "kb/kb_support.h"
#include "osprey/kb/store.h"

namespace osprey::kb {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

// Runs `osprey ARGS` with `env` prepended (e.g. "OSPREY_KB=/x").
Outcome osprey(const std::string& args, const std::string& env = "") {
  static const fs::path io = testing::kb_scratch("cli-io");
  std::string cmd = env + (env.empty() ? "" : " ") + OSPREY_BINARY + " " + args + " >" +
                    (io / "out").string() + " 2>" + (io / "err").string() + " </dev/null";
  int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, testing::slurp_file(io / "out"),
          testing::slurp_file(io / "err")};
}

// The fixture knowledge base written once to a folder.
const std::string& fixture_dir() {
  static const std::string dir = [] {
    fs::path d = testing::kb_scratch("cli-kb");
    auto written = write_kb(testing::fixture_build().contents, "", d.string());
    if (!written.ok()) ADD_FAILURE() << written.error().message;
    return d.string();
  }();
  return dir;
}

TEST(KbCli, BuildWritesTheKnowledgeBase) {
  fs::path out = testing::kb_scratch("cli-build") / "kb";
  Outcome o = osprey("kb build " + testing::kb_source_dir() + " -o " + out.string());
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("entities"), std::string::npos);
  EXPECT_TRUE(fs::exists(out / "manifest.json"));
  EXPECT_TRUE(fs::exists(out / "NOTICE.md"));
  EXPECT_NE(o.err.find("skipped"), std::string::npos);  // optional sources the fixtures lack
}

TEST(KbCli, BuildFromAFolderWithoutTheFilesFails) {
  Outcome o = osprey("kb build " + testing::kb_scratch("cli-empty").string() + " -o " +
                     (testing::kb_scratch("cli-unused") / "kb").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("lacks the files"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("threat-actor.json"), std::string::npos) << o.err;
}

TEST(KbCli, BuildRejectsABadDate) {
  Outcome o = osprey("kb build " + testing::kb_source_dir() + " --date yesterday");
  EXPECT_EQ(o.status, 2);
}

TEST(KbCli, InfoShowsCountsSourcesAndDate) {
  Outcome o = osprey("kb info --kb " + fixture_dir());
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("intrusion-set"), std::string::npos);
  EXPECT_NE(o.out.find("2025-01-02"), std::string::npos);
  EXPECT_NE(o.out.find("misp:threat-actor"), std::string::npos);
  Outcome j = osprey("kb info --format json --kb " + fixture_dir());
  ASSERT_EQ(j.status, 0);
  auto info = nlohmann::json::parse(j.out);
  EXPECT_EQ(info["built"], "2025-01-02");
  EXPECT_EQ(info["entities"]["tactic"], 2);
}

TEST(KbCli, LookupListsEveryMeaning) {
  Outcome o = osprey("kb lookup 'grizzly steppe' --kb " + fixture_dir());
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("APT28"), std::string::npos);
  EXPECT_NE(o.out.find("APT29"), std::string::npos);
  EXPECT_NE(o.out.find("ambiguous"), std::string::npos);
  Outcome j = osprey("kb lookup APT43 --format json --kb " + fixture_dir());
  ASSERT_EQ(j.status, 0) << j.err;
  auto result = nlohmann::json::parse(j.out);
  EXPECT_EQ(result["ambiguous"], true);
  EXPECT_EQ(result["matches"][0]["entity"]["name"], "APT43");
  EXPECT_EQ(result["matches"][0]["match"], "name");
  EXPECT_FALSE(result["matches"][0]["name_claimed_by"].empty());
}

TEST(KbCli, LookupFollowsRedirectsInJson) {
  Outcome j = osprey("kb lookup G0086 -f json --kb " + fixture_dir());
  ASSERT_EQ(j.status, 0) << j.err;
  auto result = nlohmann::json::parse(j.out);
  // "G0086" is also a Kimsuky synonym in MISP: that alias comes first, then
  // the revoked ATT&CK entry the id names, pointing at its replacement.
  ASSERT_EQ(result["matches"].size(), 2u);
  EXPECT_EQ(result["matches"][0]["match"], "alias");
  EXPECT_EQ(result["matches"][1]["match"], "id");
  EXPECT_EQ(result["matches"][1]["entity"]["name"], "Stolen Pencil");
  EXPECT_EQ(result["matches"][1]["current"], "intrusion-set--0ec2f388-bf0f-4b5c-97b1-fc736d26c25f");
}

TEST(KbCli, LookupWithoutMatchExitsOne) {
  Outcome o = osprey("kb lookup 'No Such Actor' --kb " + fixture_dir());
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("no entry"), std::string::npos);
}

TEST(KbCli, EnvironmentNamesTheKnowledgeBase) {
  EXPECT_EQ(osprey("kb lookup Pyongyang", "OSPREY_KB=" + fixture_dir()).status, 0);
  Outcome o = osprey("kb lookup Pyongyang", "OSPREY_KB=/nonexistent/osprey-kb");
  EXPECT_EQ(o.status, 1);
  EXPECT_NE(o.err.find("OSPREY_KB"), std::string::npos);
}

TEST(KbCli, UsageErrorsExitTwo) {
  EXPECT_EQ(osprey("kb").status, 2);
  EXPECT_EQ(osprey("kb lookup").status, 2);
  EXPECT_EQ(osprey("kb lookup x --format yaml --kb " + fixture_dir()).status, 2);
  EXPECT_EQ(osprey("kb build").status, 2);
}

}  // namespace
}  // namespace osprey::kb
