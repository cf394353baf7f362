// osprey watchlist add|list|remove and osprey alerts against a scratch store.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_support.h"

namespace {

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;

std::string watch_db(const std::string& name) {
  auto path = scratch() / name;
  std::filesystem::remove(path);
  return path.string();
}

std::string kb_flag() {
  return std::string(" --kb ") + OSPREY_KB_DIR;
}

TEST(CliWatchlist, BadValuesAreClearErrorsAndStoreNothing) {
  std::string db = watch_db("watch-bad.db");
  const std::pair<std::string, std::string> cases[] = {
      {"--actor 'No Such Actor 4242'", "actors: no actor named 'No Such Actor 4242'"},
      {"--network 10.0.0.0/40", "networks: '10.0.0.0/40' is not an IP network"},
      {"--cve CVE-2024-3400 --webhook not-a-url", "webhook: 'not-a-url'"},
      {"--domain 'bad domain'", "domains: 'bad domain' is not a domain name"},
      {"", "at least one term"},
  };
  for (const auto& [flags, expected] : cases) {
    Outcome added = osprey("watchlist add --db " + db + kb_flag() + " Mine " + flags);
    EXPECT_EQ(added.status, 2) << flags;
    EXPECT_NE(added.err.find(expected), std::string::npos) << added.err;
  }
  Outcome listed = osprey("watchlist list -f json --db " + db);
  ASSERT_EQ(listed.status, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out), nlohmann::json::array());
}

TEST(CliWatchlist, AddListAlertAndRemove) {
  std::string db = watch_db("watch.db");
  Outcome added = osprey("watchlist add --db " + db + kb_flag() +
                         " 'North Korea' --actor 'Velvet Chollima' --cve cve-2024-3400 "
                         "--network 198.51.100.0/24 --webhook https://siem.example/hook");
  ASSERT_EQ(added.status, 0) << added.err;
  EXPECT_EQ(added.out, "1\tNorth Korea\n");
  Outcome listed = osprey("watchlist list -f json --db " + db);
  ASSERT_EQ(listed.status, 0) << listed.err;
  auto all = nlohmann::json::parse(listed.out);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["query"]["actors"], nlohmann::json::array({"Kimsuky"}));
  EXPECT_EQ(all[0]["query"]["cves"], nlohmann::json::array({"CVE-2024-3400"}));
  EXPECT_EQ(all[0]["webhook"], "https://siem.example/hook");
  Outcome text = osprey("watchlist list --db " + db);
  EXPECT_NE(text.out.find("actors: Kimsuky; cves: CVE-2024-3400"), std::string::npos) << text.out;

  std::string report = osprey::testing::write_file(
      "velvet.txt",
      "Velvet Chollima phishing campaign targets think tanks\n\nSecurity researchers say the "
      "North Korean group Velvet Chollima exploited CVE-2024-3400 against think tanks and "
      "sent stolen documents to a command and control server at 198.51.100.23.\n");
  ASSERT_EQ(osprey("ingest --db " + db + " " + report).status, 0);
  Outcome alerts = osprey("alerts -f json --since 2d --watchlist 1 --db " + db);
  ASSERT_EQ(alerts.status, 0) << alerts.err;
  auto list = nlohmann::json::parse(alerts.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["watchlist"]["name"], "North Korea");
  EXPECT_EQ(list[0]["matched"].size(), 3u);
  EXPECT_EQ(list[0]["delivery"]["status"], "pending");
  Outcome lines = osprey("alerts --db " + db);
  EXPECT_NE(lines.out.find("[North Korea]"), std::string::npos) << lines.out;
  EXPECT_NE(lines.out.find("actors:Kimsuky"), std::string::npos) << lines.out;
  EXPECT_EQ(osprey("alerts --since yesterday-ish --db " + db).status, 2);

  EXPECT_EQ(osprey("watchlist remove 1 --db " + db).status, 0);
  Outcome again = osprey("watchlist remove 1 --db " + db);
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.err.find("no watchlist 1"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(osprey("alerts -f json --db " + db).out).size(), 0u);
}

}  // namespace
