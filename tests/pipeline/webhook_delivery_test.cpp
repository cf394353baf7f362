#include "osprey/pipeline/webhook_delivery.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "ingest/fetch/test_server.h"
#include "pipeline/pipeline_store.h"

namespace osprey::pipeline {
namespace {

using std::chrono::milliseconds;
using testing::kKimsukyReport;

constexpr int64_t kNow = 1'800'000'000;

// Webhook posting as osprey serve does it, allowed to reach the loopback test server.
ingest::Fetcher loopback_fetcher() {
  ingest::FetchOptions options = webhook_fetch_options(true);
  options.backoff_initial = milliseconds(10);
  options.total_timeout = milliseconds(3000);
  return std::move(ingest::Fetcher::create(options).value());
}

class WebhookDelivery : public testing::PipelineStore {
 protected:
  // An alert pending for a watchlist whose webhook is `url`.
  void pending_alert(const std::string& url) {
    watch({{"actors", {"Kimsuky"}}}, url);
    IngestReport report = ingest_text("https://news.example/velvet", kKimsukyReport);
    ASSERT_EQ(report.alerts, 1);
  }
  Alert only_alert() {
    auto alerts = store_->list_alerts({}).value();
    EXPECT_EQ(alerts.size(), 1u);
    return alerts.empty() ? Alert{} : alerts[0];
  }
};

TEST_F(WebhookDelivery, PostsTheAlertAsJson) {
  osprey::testing::LocalServer server;
  std::mutex mutex;
  std::vector<std::string> bodies, types;
  server.routes().Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    bodies.push_back(req.body);
    types.push_back(req.get_header_value("Content-Type"));
    res.status = 204;
  });
  server.start();
  pending_alert(server.url("/hook"));
  ingest::Fetcher fetcher = loopback_fetcher();
  auto report = deliver_due(*store_, fetcher, kNow);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report.value().delivered, 1);
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(types[0], "application/json");
  auto body = nlohmann::json::parse(bodies[0]);
  EXPECT_EQ(body["event"], "osprey.alert");
  EXPECT_EQ(body["alert"]["watchlist"]["name"], "test watchlist");
  EXPECT_EQ(body["alert"]["article"]["url"], "https://news.example/velvet");
  EXPECT_EQ(body["alert"]["matched"][0]["field"], "actors");
  EXPECT_EQ(body["alert"]["matched"][0]["value"], "Kimsuky");
  Alert alert = only_alert();
  EXPECT_EQ(alert.delivery.status, "delivered");
  EXPECT_EQ(alert.delivery.attempts, 1);
  // Delivered is done: nothing is posted twice.
  ASSERT_TRUE(deliver_due(*store_, fetcher, kNow + 86400).ok());
  EXPECT_EQ(bodies.size(), 1u);
}

TEST_F(WebhookDelivery, AFailingEndpointIsRetriedWithBackoffUntilItSucceeds) {
  osprey::testing::LocalServer server;
  std::atomic<int> calls{0};
  server.routes().Post("/flaky", [&](const httplib::Request&, httplib::Response& res) {
    res.status = ++calls <= 2 ? 503 : 200;
  });
  server.start();
  pending_alert(server.url("/flaky"));
  ingest::Fetcher fetcher = loopback_fetcher();
  DeliveryOptions options;  // 30 s, 2 min, 10 min …

  EXPECT_EQ(deliver_due(*store_, fetcher, kNow, options).value().retrying, 1);
  Alert alert = only_alert();
  EXPECT_EQ(alert.delivery.status, "pending");
  EXPECT_EQ(alert.delivery.attempts, 1);
  EXPECT_NE(alert.delivery.last_error.find("503"), std::string::npos);
  EXPECT_EQ(alert.delivery.next_attempt_at, kNow + 30);

  EXPECT_EQ(deliver_due(*store_, fetcher, kNow + 29, options).value().retrying, 0);  // not yet
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(deliver_due(*store_, fetcher, kNow + 30, options).value().retrying, 1);
  EXPECT_EQ(only_alert().delivery.next_attempt_at, kNow + 30 + 120);

  EXPECT_EQ(deliver_due(*store_, fetcher, kNow + 150, options).value().delivered, 1);
  alert = only_alert();
  EXPECT_EQ(alert.delivery.status, "delivered");
  EXPECT_EQ(alert.delivery.attempts, 3);
  EXPECT_EQ(alert.delivery.last_error, "");
  EXPECT_EQ(calls, 3);
}

TEST_F(WebhookDelivery, AfterMaxAttemptsTheDeliveryHasFailed) {
  osprey::testing::LocalServer server;
  server.routes().Post("/down",
                       [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  server.start();
  pending_alert(server.url("/down"));
  ingest::Fetcher fetcher = loopback_fetcher();
  DeliveryOptions options;
  options.max_attempts = 3;
  options.backoff_seconds = {1};
  EXPECT_EQ(retry_delay(1, options), 1);
  EXPECT_EQ(retry_delay(3, options), -1);
  for (int64_t t = kNow; t < kNow + 3; ++t)
    ASSERT_TRUE(deliver_due(*store_, fetcher, t, options).ok());
  Alert alert = only_alert();
  EXPECT_EQ(alert.delivery.status, "failed");
  EXPECT_EQ(alert.delivery.attempts, 3);
  EXPECT_NE(alert.delivery.last_error.find("500"), std::string::npos);
  EXPECT_EQ(deliver_due(*store_, fetcher, kNow + 3600, options).value().failed, 0);
}

TEST_F(WebhookDelivery, PrivateAddressesAreRefusedUnlessAllowed) {
  osprey::testing::LocalServer server;
  std::atomic<int> calls{0};
  server.routes().Post("/siem", [&](const httplib::Request&, httplib::Response&) { ++calls; });
  server.start();
  pending_alert(server.url("/siem"));
  auto guarded = ingest::Fetcher::create(webhook_fetch_options(false));
  ASSERT_TRUE(guarded.ok());
  auto report = deliver_due(*store_, guarded.value(), kNow);
  EXPECT_EQ(report.value().failed, 1);  // no retry can change that
  Alert alert = only_alert();
  EXPECT_EQ(alert.delivery.status, "failed");
  EXPECT_NE(alert.delivery.last_error.find("loopback"), std::string::npos)
      << alert.delivery.last_error;
  EXPECT_EQ(calls, 0);
}

TEST_F(WebhookDelivery, IngestionCompletesWhileTheWebhookHangs) {
  osprey::testing::LocalServer server;
  std::mutex mutex;
  std::condition_variable changed;
  bool arrived = false, released = false;
  server.routes().Post("/slow", [&](const httplib::Request&, httplib::Response& res) {
    std::unique_lock lock(mutex);
    arrived = true;
    changed.notify_all();
    changed.wait_for(lock, std::chrono::seconds(10), [&] { return released; });
    res.status = 200;
  });
  server.start();
  pending_alert(server.url("/slow"));

  ingest::FetchOptions fetch = webhook_fetch_options(true);
  fetch.total_timeout = std::chrono::seconds(15);
  DeliveryWorker worker(db_, fetch, {}, milliseconds(10));
  ASSERT_TRUE(worker.start().ok());
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(10), [&] { return arrived; }));
  }
  // The webhook is holding the worker's request; ingestion goes on regardless.
  auto started = std::chrono::steady_clock::now();
  IngestReport report = ingest_text("https://news.example/velvet-2",
                                    std::string(kKimsukyReport) + "A second wave followed.\n");
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(report.created, 1);
  EXPECT_EQ(report.alerts, 1);
  EXPECT_EQ(report.failed, 0) << (report.errors.empty() ? "" : report.errors[0]);
  EXPECT_LT(took, std::chrono::seconds(5));
  auto alerts = store_->list_alerts({}).value();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].delivery.status, "pending");  // the new one waits its turn
  {
    std::lock_guard lock(mutex);
    released = true;
  }
  changed.notify_all();
  // The worker delivers both: the hanging one once released, the new one on its next round.
  for (int i = 0; i < 500; ++i) {
    alerts = store_->list_alerts({}).value();
    if (alerts[0].delivery.status == "delivered" && alerts[1].delivery.status == "delivered") break;
    std::this_thread::sleep_for(milliseconds(10));
  }
  worker.stop();
  EXPECT_EQ(alerts[0].delivery.status, "delivered");
  EXPECT_EQ(alerts[1].delivery.status, "delivered");
}

}  // namespace
}  // namespace osprey::pipeline
