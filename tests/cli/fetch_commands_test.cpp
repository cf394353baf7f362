// Commands that fetch, against feeds and pages served on loopback by the
// test itself: osprey article/feed URL, osprey ingest URL, and one cycle of
// osprey poll. Checks what the store holds: every item once, nothing lost,
// errors recorded per feed.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "ingest/fetch/test_server.h"

namespace {

using osprey::testing::LocalServer;
using osprey::testing::osprey;
using osprey::testing::Outcome;
using osprey::testing::scratch;

std::string rss(const std::string& base, const std::vector<std::string>& slugs) {
  std::string items;
  for (const std::string& slug : slugs) {
    items += "<item><title>Report " + slug + "</title><link>" + base + "/post/" + slug +
             "</link><guid>" + slug +
             "</guid><pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate><description>" +
             "&lt;p&gt;The Kimsuky group sent spear-phishing mail from login-verify[.]example "
             "in campaign " +
             slug +
             ". Each wave reused the same lure about tax refunds, "
             "and the operators rotated their infrastructure weekly, moving between rented "
             "servers in several countries while keeping the same phishing kit and the same "
             "credential-harvesting pages, which let researchers link the waves together. "
             "Defenders were advised to block the domain and to review mail logs for "
             "messages from the sender addresses listed in the advisory.&lt;/p&gt;"
             "</description></item>";
  }
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback news</title>"
         "<link>" +
         base + "</link>" + items + "</channel></rss>";
}

const char* kPage =
    "<html><head><title>Summary-only post</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Summary-only post</h1><p>This is the full article text that only the page "
    "carries. The actor used the Cobalt Strike framework and the domain "
    "beacon-cdn[.]example for command and control during the intrusion, according to the "
    "responders who examined the affected hosts over several weeks of the investigation.</p>"
    "<p>A second paragraph adds detail about the ransomware that followed and the ransom note "
    "left on the encrypted file servers of the victim organisation.</p></article>"
    "<footer>Copyright</footer></body></html>";

class FetchCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& r = server_.routes();
    r.Get("/news.xml", [this](const httplib::Request& req, httplib::Response& res) {
      ++news_hits_;
      if (req.get_header_value("If-None-Match") == "\"v1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v1\"");
      res.set_content(rss(server_.url(""), {"a1", "a2", "a3"}), "application/rss+xml");
    });
    r.Get("/summary.xml", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<rss version=\"2.0\"><channel><title>Short</title><item><title>Summary-only "
          "post</title><link>" +
              server_.url("/page.html") +
              "</link><guid>s1</guid><description>Teaser.</description></item></channel></rss>",
          "application/rss+xml");
    });
    r.Get("/page.html", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kPage, "text/html; charset=utf-8");
    });
    r.Get("/broken.xml", [](const httplib::Request&, httplib::Response& res) {
      res.status = 500;
      res.set_content("oops", "text/plain");
    });
    r.Get("/notafeed.json", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"hello\": 1}", "application/json");
    });
    server_.start();
    db_ = (scratch() / (std::string("fetch-") +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
              .string();
    std::filesystem::remove(db_);
  }

  nlohmann::json articles() {
    Outcome listed = osprey("articles --db " + db_ + " -f json");
    EXPECT_EQ(listed.status, 0) << listed.err;
    return nlohmann::json::parse(listed.out);
  }

  LocalServer server_;
  std::atomic<int> news_hits_{0};
  std::string db_;
};

TEST_F(FetchCommands, LoopbackIsRefusedUnlessAllowed) {
  Outcome refused = osprey("article " + server_.url("/page.html"));
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("127.0.0.1"), std::string::npos) << refused.err;
  Outcome allowed = osprey("article --allow-private -f json " + server_.url("/page.html"));
  ASSERT_EQ(allowed.status, 0) << allowed.err;
  auto page = nlohmann::json::parse(allowed.out);
  EXPECT_EQ(page["title"], "Summary-only post");
  EXPECT_NE(page["text"].get<std::string>().find("beacon-cdn[.]example"), std::string::npos);
  EXPECT_EQ(page["text"].get<std::string>().find("Copyright"), std::string::npos);
  Outcome feed = osprey("feed --allow-private " + server_.url("/news.xml"));
  ASSERT_EQ(feed.status, 0) << feed.err;
  EXPECT_EQ(nlohmann::json::parse(feed.out)["items"].size(), 3u);
  EXPECT_TRUE(std::filesystem::exists(db_) == false);  // neither command stores anything
}

TEST_F(FetchCommands, IngestUrlStoresOnce) {
  std::string cmd = "ingest --no-entities --allow-private --db " + db_ + " " +
                    server_.url("/news.xml") + " " + server_.url("/page.html");
  Outcome first = osprey(cmd);
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(articles().size(), 4u);
  Outcome again = osprey(cmd);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("0 new"), std::string::npos) << again.out;
  EXPECT_EQ(articles().size(), 4u);
}

TEST_F(FetchCommands, OnePollCycleStoresEveryItemOnceAndRecordsErrors) {
  for (const char* path : {"/news.xml", "/summary.xml", "/broken.xml", "/notafeed.json"}) {
    ASSERT_EQ(osprey("feeds add --db " + db_ + " " + server_.url(path)).status, 0);
  }
  Outcome poll = osprey("poll --once --allow-private --no-entities --db " + db_);
  EXPECT_EQ(poll.status, 1) << "two feeds fail: " << poll.err;
  EXPECT_NE(poll.out.find("polled 4 feeds"), std::string::npos) << poll.out;

  nlohmann::json stored = articles();
  ASSERT_EQ(stored.size(), 4u) << stored.dump(2);
  int from_page = 0;
  for (const auto& a : stored) {
    if (a["title"] == "Summary-only post") {
      ++from_page;
      EXPECT_EQ(a["kind"], "html");  // the page was fetched: the feed had only a teaser
    }
  }
  EXPECT_EQ(from_page, 1);

  auto feeds = nlohmann::json::parse(osprey("feeds list -f json --db " + db_).out);
  int failing = 0;
  for (const auto& feed : feeds) {
    int failures = feed["health"]["consecutive_failures"];
    std::string url = feed["url"];
    bool should_fail = url.ends_with("/broken.xml") || url.ends_with("/notafeed.json");
    EXPECT_EQ(failures, should_fail ? 1 : 0) << url;
    if (should_fail) {
      ++failing;
      EXPECT_FALSE(feed["health"]["last_error_message"].get<std::string>().empty());
    } else {
      EXPECT_GT(feed["health"]["last_success"].get<int64_t>(), 0);
    }
  }
  EXPECT_EQ(failing, 2);

  // A second cycle (forced: nothing is due yet) re-fetches with validators:
  // the unchanged feed answers 304 and nothing is stored twice.
  int hits = news_hits_;
  Outcome again = osprey("poll --once --all --allow-private --no-entities --db " + db_);
  EXPECT_NE(again.out.find("1 unchanged"), std::string::npos) << again.out;
  EXPECT_EQ(news_hits_, hits + 1);
  EXPECT_EQ(articles().size(), 4u);
}

TEST_F(FetchCommands, PollWithoutAllowPrivateRecordsTheRefusal) {
  ASSERT_EQ(osprey("feeds add --db " + db_ + " " + server_.url("/news.xml")).status, 0);
  Outcome poll = osprey("poll --once --no-entities --db " + db_);
  EXPECT_EQ(poll.status, 1);
  EXPECT_EQ(news_hits_, 0);
  auto feeds = nlohmann::json::parse(osprey("feeds list -f json --db " + db_).out);
  EXPECT_EQ(feeds[0]["health"]["consecutive_failures"], 1);
  EXPECT_EQ(articles().size(), 0u);
}

}  // namespace
