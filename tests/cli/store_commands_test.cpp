// osprey feeds and osprey articles against a store in a scratch folder.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/cli_support.h"
#include "cli/store_option.h"

namespace {

using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;

std::string fresh_db(const std::string& name) {
  auto path = scratch() / name;
  std::filesystem::remove(path);
  return path.string();
}

TEST(CliFeeds, AddListAndRemoveSubscriptions) {
  std::string db = fresh_db("feeds.db");
  Outcome added = osprey("feeds add --db " + db +
                         " https://a.example/feed.xml https://b.example/rss --category News");
  ASSERT_EQ(added.status, 0) << added.err;
  EXPECT_EQ(osprey("feeds add --db " + db + " https://a.example/feed.xml").status, 0);
  Outcome listed = osprey("feeds list --db " + db + " -f json");
  ASSERT_EQ(listed.status, 0) << listed.err;
  auto feeds = nlohmann::json::parse(listed.out);
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0]["category"], "News");
  EXPECT_EQ(feeds[0]["health"]["consecutive_failures"], 0);
  EXPECT_EQ(osprey("feeds remove --db " + db + " https://a.example/feed.xml").status, 0);
  Outcome missing = osprey("feeds remove --db " + db + " https://a.example/feed.xml");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("no subscription"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(osprey("feeds list --db " + db + " -f json").out).size(), 1u);
}

TEST(CliFeeds, RefusesWhatIsNotAFeedUrl) {
  std::string db = fresh_db("feeds-bad.db");
  Outcome bad = osprey("feeds add --db " + db + " file:///etc/passwd");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("not an http(s) URL"), std::string::npos);
}

TEST(CliArticles, EmptyStoreListsNothing) {
  Outcome listed = osprey("articles --db " + fresh_db("empty.db") + " -f json");
  ASSERT_EQ(listed.status, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out), nlohmann::json::array());
}

TEST(CliArticles, BadSinceAndBadDatabaseAreClearErrors) {
  Outcome since = osprey("articles --db " + fresh_db("x.db") + " --since yesterday");
  EXPECT_EQ(since.status, 2);
  EXPECT_NE(since.err.find("--since"), std::string::npos);
  std::string garbage = osprey::testing::write_file("garbage.db", std::string(4096, 'g'));
  Outcome broken = osprey("articles --db " + garbage);
  EXPECT_EQ(broken.status, 1);
  EXPECT_NE(broken.err.find("garbage.db"), std::string::npos);
}

TEST(ParseSince, RelativeAndAbsoluteTimes) {
  using osprey::cli::parse_since;
  const int64_t now = 1'700'000'000;
  EXPECT_EQ(parse_since("2d", now), now - 2 * 86400);
  EXPECT_EQ(parse_since("12h", now), now - 12 * 3600);
  EXPECT_EQ(parse_since("1w", now), now - 7 * 86400);
  EXPECT_EQ(parse_since("2024-11-05", now), 1730764800);
  EXPECT_EQ(parse_since("2024-11-05T10:15:00Z", now), 1730801700);
  EXPECT_EQ(parse_since("2024-11-05T12:15:00+02:00", now), 1730801700);
  EXPECT_FALSE(parse_since("yesterday", now));
  EXPECT_FALSE(parse_since("2024-13-01", now));
  EXPECT_FALSE(parse_since("", now));
  EXPECT_FALSE(parse_since("5y", now));
}

}  // namespace

namespace {

TEST(CliFeeds, OpmlImportAndExportRoundTrip) {
  std::string db = fresh_db("opml.db");
  Outcome imported = osprey("feeds import --db " + db + " " + std::string(OSPREY_SOURCE_DIR) +
                            "/feeds/default.opml");
  ASSERT_EQ(imported.status, 0) << imported.err;
  auto feeds = nlohmann::json::parse(osprey("feeds list -f json --db " + db).out);
  EXPECT_GE(feeds.size(), 40u);
  std::string exported = (scratch() / "exported.opml").string();
  ASSERT_EQ(osprey("feeds export --db " + db + " -o " + exported).status, 0);
  std::string again = fresh_db("opml-again.db");
  ASSERT_EQ(osprey("feeds import --db " + again + " " + exported).status, 0);
  auto feeds_again = nlohmann::json::parse(osprey("feeds list -f json --db " + again).out);
  ASSERT_EQ(feeds_again.size(), feeds.size());
  std::set<std::pair<std::string, std::string>> a, b;
  for (const auto& f : feeds) a.emplace(f["url"], f["category"]);
  for (const auto& f : feeds_again) b.emplace(f["url"], f["category"]);
  EXPECT_EQ(a, b);
  Outcome bad = osprey("feeds import --db " + db + " " +
                       osprey::testing::write_file("bad.opml", "<opml><body><outline"));
  EXPECT_EQ(bad.status, 1);
}

TEST(CliReprocess, RefreshesFindingsFromTheStoredBytes) {
  std::string db = fresh_db("reprocess.db");
  std::string samples = std::string(OSPREY_SOURCE_DIR) + "/samples";
  ASSERT_EQ(osprey("ingest --no-entities --db " + db + " " + samples).status, 0);
  auto before = nlohmann::json::parse(osprey("articles -f json --db " + db).out);
  Outcome r = osprey("reprocess --db " + db);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("reprocessed " + std::to_string(before.size())), std::string::npos) << r.out;
  auto after = nlohmann::json::parse(osprey("articles -f json --db " + db).out);
  ASSERT_EQ(after.size(), before.size());  // nothing duplicated
  int gained = 0;
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i]["id"], before[i]["id"]);
    if (after[i]["entities"].get<int>() > before[i]["entities"].get<int>()) ++gained;
  }
  EXPECT_GT(gained, 0) << "entities are recognised on reprocessing";
  EXPECT_EQ(osprey("reprocess --db " + db + " --id 424242").status, 1);
}

}  // namespace

namespace {

TEST(CliIngest, AFolderLargerThanOneBatchIsStoredWhole) {
  // 70 files cross the 64-file commit batch; one unreadable file among them
  // is named and the others are stored.
  auto dir = osprey::testing::scratch() / "batch";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (int i = 0; i < 70; ++i) {
    std::ofstream(dir / ("note" + std::to_string(i) + ".txt"))
        << "Note " << i << "\n\nAttackers exploited CVE-2024-" << (1000 + i) << " this week.\n";
  }
  std::filesystem::create_directories(dir / "broken.pdf");  // a folder posing as a file
  std::ofstream(dir / "broken2.pdf") << "%PDF-1.7 truncated";
  std::string db = fresh_db("batch.db");
  Outcome r = osprey("ingest --no-entities -f json --db " + db + " " + dir.string());
  EXPECT_EQ(r.status, 1) << r.err;
  auto reports = nlohmann::json::parse(r.out);
  int created = 0, failed = 0;
  for (const auto& report : reports) {
    created += report.value("created", 0);
    if (report.contains("error")) ++failed;
  }
  EXPECT_EQ(created, 70);
  EXPECT_EQ(failed, 1);
  EXPECT_NE(r.err.find("broken2.pdf"), std::string::npos) << r.err;
  auto listed = nlohmann::json::parse(osprey("articles -f json --db " + db).out);
  EXPECT_EQ(listed.size(), 70u);
}

// Files are read and analysed on several threads and stored in their order:
// the reports, the articles (ids, stories, findings) and the exit status are
// the same for any number of threads.
TEST(CliIngest, AnyNumberOfThreadsStoresTheSame) {
  auto dir = osprey::testing::scratch() / "threads";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (int i = 0; i < 40; ++i) {
    std::ofstream(dir / ("n" + std::to_string(100 + i) + ".txt"))
        << "Note " << i << "\n\nThe Lazarus Group exploited CVE-2024-" << (1000 + i % 7)
        << " and used 203.0.113." << i << " against banks in Germany, researchers said.\n";
    std::ofstream(dir / ("p" + std::to_string(100 + i) + ".html"))
        << "<html><head><title>Advisory " << i << "</title></head><body><article><p>APT29 sent "
        << "phishing mail from mail" << i << ".example to ministries, the agency said."
        << "</p></article></body></html>";
  }
  std::ofstream(dir / "z-broken.pdf") << "%PDF-1.7 truncated";
  std::string stored;
  for (int threads : {1, 2, 5}) {
    std::string db = fresh_db("threads" + std::to_string(threads) + ".db");
    Outcome r = osprey("ingest -f json --threads " + std::to_string(threads) + " --db " + db + " " +
                       dir.string());
    EXPECT_EQ(r.status, 1) << r.err;  // the broken PDF
    auto reports = nlohmann::json::parse(r.out);
    ASSERT_EQ(reports.size(), 81u);
    EXPECT_TRUE(reports.back().contains("error")) << reports.back().dump();
    auto listed = nlohmann::json::parse(osprey("articles -f json --db " + db).out);
    EXPECT_EQ(listed.size(), 80u);
    std::string now = reports.dump() + listed.dump();
    if (stored.empty()) stored = now;
    EXPECT_EQ(now, stored) << threads << " threads";
  }
}

}  // namespace
