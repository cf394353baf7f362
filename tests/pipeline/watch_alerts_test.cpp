#include "osprey/pipeline/watch_alerts.h"

#include <gtest/gtest.h>

#include "pipeline/pipeline_store.h"

namespace osprey::pipeline {
namespace {

using testing::kKimsukyReport;

class WatchAlerts : public testing::PipelineStore {};

TEST_F(WatchAlerts, AnArticleNamingAnActorByAnAliasAlertsOnceAndNotOnReSighting) {
  int64_t actor = watch({{"actors", {"Kimsuky"}}});
  int64_t unrelated = watch({{"actors", {"Lazarus Group"}}});
  IngestReport first = ingest_text("https://news.example/velvet", kKimsukyReport);
  ASSERT_EQ(first.created, 1);
  EXPECT_EQ(first.alerts, 1);
  auto alerts = store_->list_alerts({}).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].watchlist_id, actor);
  EXPECT_NE(alerts[0].watchlist_id, unrelated);
  ASSERT_EQ(alerts[0].matched.size(), 1u);
  EXPECT_EQ(alerts[0].matched[0], (AlertMatch{"actors", "Kimsuky"}));
  EXPECT_EQ(alerts[0].delivery.status, "none");  // no webhook
  auto stored = store_->get_article(alerts[0].article_id).value();
  EXPECT_EQ(alerts[0].story_id, stored.analysis.story_id);
  EXPECT_NE(alerts[0].story_id, 0);

  IngestReport again = ingest_text("https://news.example/velvet", kKimsukyReport);
  EXPECT_EQ(again.unchanged, 1);
  EXPECT_EQ(again.alerts, 0);
  // A new version of the same article is new text, but the watchlist already alerted for it.
  IngestReport edited = ingest_text("https://news.example/velvet",
                                    std::string(kKimsukyReport) + "Update: more victims.\n");
  EXPECT_EQ(edited.versioned, 1);
  EXPECT_EQ(edited.alerts, 0);
  EXPECT_EQ(store_->list_alerts({}).value().size(), 1u);
}

TEST_F(WatchAlerts, EveryFieldThatMatchesIsRecordedAndAWebhookMakesTheDeliveryPending) {
  watch({{"cves", {"CVE-2024-3400"}},
         {"domains", {"example.com"}},
         {"networks", {"198.51.100.0/24"}},
         {"keywords", {"think tanks"}}},
        "https://siem.example/hook");
  IngestReport report = ingest_text("https://news.example/velvet", kKimsukyReport);
  EXPECT_EQ(report.alerts, 1);
  auto alerts = store_->list_alerts({}).value();
  ASSERT_EQ(alerts.size(), 1u);
  std::vector<AlertMatch> expected = {{"cves", "CVE-2024-3400"},
                                      {"keywords", "think tanks"},
                                      {"domains", "example.com"},
                                      {"networks", "198.51.100.0/24"}};
  EXPECT_EQ(alerts[0].matched, expected);
  EXPECT_EQ(alerts[0].delivery.status, "pending");
  EXPECT_EQ(alerts[0].delivery.attempts, 0);
  EXPECT_GT(alerts[0].delivery.next_attempt_at, 0);
}

TEST_F(WatchAlerts, NoiseNeverAlerts) {
  watch({{"keywords", {"recipe"}}});
  const char* noise =
      "Grandma's apple pie recipe\n\nThis recipe makes a classic apple pie with a flaky "
      "butter crust. Peel and slice six apples, toss them with sugar and cinnamon, and bake "
      "the pie for fifty minutes until the crust is golden. Serve warm with vanilla ice cream.\n";
  IngestReport report = ingest_text("https://food.example/pie", noise);
  ASSERT_EQ(report.created, 1);
  auto stored = store_->list_articles({}).value();
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].analysis.relevance_label, "noise");
  EXPECT_EQ(report.alerts, 0);
  EXPECT_TRUE(store_->list_alerts({}).value().empty());
  auto would = matching_articles(*store_, store_->list_watchlists().value()[0], 0, 10);
  ASSERT_TRUE(would.ok());
  EXPECT_TRUE(would.value().empty());
}

TEST_F(WatchAlerts, AWatchlistAlertsOnlyForArticlesStoredAfterItButCanBeTried) {
  ingest_text("https://news.example/velvet", kKimsukyReport);
  int64_t id = watch({{"actors", {"Velvet Chollima"}}});
  EXPECT_TRUE(store_->list_alerts({}).value().empty());
  auto watchlist = store_->get_watchlist(id).value();
  auto would = matching_articles(*store_, *watchlist, 0, 10);
  ASSERT_TRUE(would.ok()) << would.error().message;
  ASSERT_EQ(would.value().size(), 1u);
  EXPECT_EQ(would.value()[0].article.url, "https://news.example/velvet");
  EXPECT_TRUE(matching_articles(*store_, *watchlist, 4102444800, 10).value().empty());
}

}  // namespace
}  // namespace osprey::pipeline
