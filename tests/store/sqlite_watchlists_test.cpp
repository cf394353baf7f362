// SqliteStore's watchlists, alerts and webhook deliveries.
#include <gtest/gtest.h>

#include <filesystem>

#include "osprey/store/sqlite/sqlite_store.h"

namespace osprey::store::sqlite {
namespace {

namespace fs = std::filesystem;

class SqliteWatchlists : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("osprey-watch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto opened = SqliteStore::open((dir_ / "test.db").string());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened.value());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  int64_t article(const std::string& url) {
    ArticleInput input;
    input.article.source = "https://news.example/feed.xml";
    input.article.url = url;
    input.article.title = "Title of " + url;
    input.article.text = "Text of " + url;
    auto put = store_->put_article(input);
    EXPECT_TRUE(put.ok());
    return put.value().id;
  }

  int64_t watchlist(const std::string& name, const std::string& webhook = "") {
    Watchlist w;
    w.name = name;
    w.query.actors.push_back({"Kimsuky", "intrusion-set--0ec2f388-bf0f-4b5c-97b1-fc736d26c25f"});
    w.query.cves.push_back({"CVE-2024-3400", ""});
    w.webhook = webhook;
    w.created_at = 1700000000;
    auto id = store_->add_watchlist(w);
    EXPECT_TRUE(id.ok());
    return id.value();
  }

  Alert alert(int64_t watchlist_id, int64_t article_id, bool pending,
              int64_t created = 1700000100) {
    Alert a;
    a.watchlist_id = watchlist_id;
    a.article_id = article_id;
    a.story_id = 7;
    a.matched = {{"actors", "Kimsuky"}};
    a.created_at = created;
    if (pending) {
      a.delivery.status = "pending";
      a.delivery.next_attempt_at = created;
    }
    return a;
  }

  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteWatchlists, AWatchlistIsStoredWithItsTermsEntityIdsAndAlertCount) {
  int64_t id = watchlist("North Korea", "https://siem.example/hook");
  auto found = store_->get_watchlist(id);
  ASSERT_TRUE(found.ok() && found.value());
  const Watchlist& w = *found.value();
  EXPECT_EQ(w.name, "North Korea");
  ASSERT_EQ(w.query.actors.size(), 1u);
  EXPECT_EQ(w.query.actors[0].value, "Kimsuky");
  EXPECT_EQ(w.query.actors[0].entity_id, "intrusion-set--0ec2f388-bf0f-4b5c-97b1-fc736d26c25f");
  ASSERT_EQ(w.query.cves.size(), 1u);
  EXPECT_EQ(w.query.cves[0].value, "CVE-2024-3400");
  EXPECT_TRUE(w.query.domains.empty());
  EXPECT_EQ(w.webhook, "https://siem.example/hook");
  EXPECT_EQ(w.created_at, 1700000000);
  EXPECT_EQ(w.alerts, 0);
  ASSERT_TRUE(store_->add_alert(alert(id, article("https://a.example/1"), false)).ok());
  EXPECT_EQ(store_->list_watchlists().value().at(0).alerts, 1);
  EXPECT_FALSE(store_->get_watchlist(id + 1).value());
}

TEST_F(SqliteWatchlists, OneAlertPerWatchlistAndArticle) {
  int64_t w = watchlist("w");
  int64_t a = article("https://a.example/1");
  EXPECT_TRUE(store_->add_alert(alert(w, a, false)).value());
  EXPECT_FALSE(store_->add_alert(alert(w, a, false)).value());
  int64_t other = watchlist("other");
  EXPECT_TRUE(store_->add_alert(alert(other, a, false)).value());
  EXPECT_EQ(store_->list_alerts({}).value().size(), 2u);
}

TEST_F(SqliteWatchlists, AlertsAreListedNewestFirstWithACursorAndFilters) {
  int64_t w1 = watchlist("first");
  int64_t w2 = watchlist("second");
  for (int i = 0; i < 5; ++i) {
    int64_t a = article("https://a.example/" + std::to_string(i));
    ASSERT_TRUE(store_->add_alert(alert(i % 2 ? w2 : w1, a, false, 1700000000 + i * 100)).ok());
  }
  AlertQuery page;
  page.limit = 2;
  auto first = store_->list_alerts(page).value();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_GT(first[0].id, first[1].id);
  EXPECT_EQ(first[0].article_title, "Title of https://a.example/4");
  EXPECT_EQ(first[0].article_url, "https://a.example/4");
  EXPECT_EQ(first[0].watchlist_name, "first");
  EXPECT_EQ(first[0].story_id, 7);
  ASSERT_EQ(first[0].matched.size(), 1u);
  EXPECT_EQ(first[0].matched[0], (AlertMatch{"actors", "Kimsuky"}));
  page.before_id = first[1].id;
  page.limit = 10;
  auto rest = store_->list_alerts(page).value();
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_LT(rest[0].id, first[1].id);
  AlertQuery only;
  only.watchlist_id = w2;
  EXPECT_EQ(store_->list_alerts(only).value().size(), 2u);
  AlertQuery recent;
  recent.since = 1700000300;
  EXPECT_EQ(store_->list_alerts(recent).value().size(), 2u);
  EXPECT_EQ(store_->alerted_articles(w1).value().size(), 3u);
}

TEST_F(SqliteWatchlists, RemovingAWatchlistRemovesItsAlertsAndDeliveries) {
  int64_t w = watchlist("w", "https://siem.example/hook");
  int64_t kept = watchlist("kept");
  int64_t a = article("https://a.example/1");
  ASSERT_TRUE(store_->add_alert(alert(w, a, true)).ok());
  ASSERT_TRUE(store_->add_alert(alert(kept, a, false)).ok());
  EXPECT_TRUE(store_->remove_watchlist(w).value());
  EXPECT_FALSE(store_->remove_watchlist(w).value());
  EXPECT_FALSE(store_->get_watchlist(w).value());
  EXPECT_TRUE(store_->claim_deliveries(1800000000, 60, 10).value().empty());
  auto left = store_->list_alerts({}).value();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].watchlist_id, kept);
  auto stray = store_->database().prepare("SELECT count(*) FROM alerts WHERE watchlist_id = " +
                                          std::to_string(w));
  ASSERT_TRUE(stray.ok() && stray.value().step());
  EXPECT_EQ(stray.value().int64(0), 0);
}

TEST_F(SqliteWatchlists, DeliveriesAreClaimedOnceUntilTheLeaseEnds) {
  int64_t w = watchlist("w", "https://siem.example/hook");
  int64_t quiet = watchlist("quiet");
  ASSERT_TRUE(store_->add_alert(alert(w, article("https://a.example/1"), true, 1000)).ok());
  ASSERT_TRUE(store_->add_alert(alert(w, article("https://a.example/2"), true, 2000)).ok());
  ASSERT_TRUE(store_->add_alert(alert(quiet, article("https://a.example/3"), false, 1000)).ok());
  EXPECT_TRUE(store_->claim_deliveries(999, 60, 10).value().empty());  // none due yet
  auto claimed = store_->claim_deliveries(1500, 60, 10).value();
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].webhook, "https://siem.example/hook");
  EXPECT_EQ(claimed[0].delivery.status, "pending");
  EXPECT_TRUE(store_->claim_deliveries(1550, 60, 10).value().empty());  // leased until 1560
  // A process that died mid-delivery: the lease ends and the alert is due again.
  auto reclaimed = store_->claim_deliveries(1560, 60, 10).value();
  ASSERT_EQ(reclaimed.size(), 1u);
  EXPECT_EQ(reclaimed[0].id, claimed[0].id);
  Delivery failed{"pending", 1, "HTTP status 500", 2100};
  EXPECT_TRUE(store_->update_delivery(claimed[0].id, failed).value());
  auto second = store_->claim_deliveries(2000, 600, 10).value();  // only the second is due
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second[0].id, claimed[0].id);
  auto again = store_->claim_deliveries(2100, 60, 10).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, claimed[0].id);
  EXPECT_EQ(again[0].delivery.attempts, 1);
  EXPECT_EQ(again[0].delivery.last_error, "HTTP status 500");
  EXPECT_TRUE(store_->update_delivery(again[0].id, {"delivered", 2, "", 0}).value());
  EXPECT_TRUE(store_->update_delivery(second[0].id, {"delivered", 1, "", 0}).value());
  EXPECT_TRUE(store_->claim_deliveries(99999, 60, 10).value().empty());
  EXPECT_FALSE(store_->update_delivery(424242, failed).value());
}

TEST_F(SqliteWatchlists, TheDataVersionMovesWithArticlesWatchlistsAndAlertsNotDeliveries) {
  int64_t v0 = store_->data_version().value();
  int64_t a = article("https://a.example/1");
  int64_t v1 = store_->data_version().value();
  EXPECT_NE(v1, v0);
  int64_t w = watchlist("w", "https://siem.example/hook");
  int64_t v2 = store_->data_version().value();
  EXPECT_NE(v2, v1);
  ASSERT_TRUE(store_->add_alert(alert(w, a, true)).ok());
  int64_t v3 = store_->data_version().value();
  EXPECT_NE(v3, v2);
  auto claimed = store_->claim_deliveries(1800000000, 60, 10).value();
  ASSERT_EQ(claimed.size(), 1u);
  ASSERT_TRUE(store_->update_delivery(claimed[0].id, {"delivered", 1, "", 0}).ok());
  EXPECT_EQ(store_->data_version().value(), v3);
  ASSERT_TRUE(store_->remove_watchlist(w).ok());
  EXPECT_NE(store_->data_version().value(), v3);
}

}  // namespace
}  // namespace osprey::store::sqlite
