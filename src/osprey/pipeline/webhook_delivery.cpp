#include "osprey/pipeline/webhook_delivery.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "osprey/pipeline/watch_reports.h"

namespace osprey::pipeline {
namespace {

// Failures that the same request can never overcome.
bool permanent(ingest::FetchErrorKind kind) {
  return kind == ingest::FetchErrorKind::invalid_url ||
         kind == ingest::FetchErrorKind::unsupported_scheme ||
         kind == ingest::FetchErrorKind::refused_private;
}

Delivery outcome_of(const Alert& alert, const ingest::FetchResult& result, int64_t now,
                    const DeliveryOptions& options) {
  Delivery d = alert.delivery;
  if (result.ok()) {
    d.status = "delivered";
    d.attempts += 1;
    d.last_error.clear();
    d.next_attempt_at = 0;
    return d;
  }
  d.last_error = result.error;
  if (result.error_kind == ingest::FetchErrorKind::host_backoff) {
    // Not attempted: the host asked to wait. No attempt is used up.
    int64_t wait = result.retry_after.value_or(retry_delay(1, options));
    d.next_attempt_at = now + std::max<int64_t>(wait, 1);
    return d;
  }
  d.attempts += 1;
  int64_t delay = permanent(result.error_kind) ? -1 : retry_delay(d.attempts, options);
  if (delay < 0) {
    d.status = "failed";
    d.next_attempt_at = 0;
  } else {
    d.next_attempt_at = now + delay;
  }
  return d;
}

}  // namespace

ingest::FetchOptions webhook_fetch_options(bool allow_private) {
  ingest::FetchOptions o;
  o.allow_private = allow_private;
  o.max_redirects = 0;
  o.max_retries = 0;
  o.connect_timeout = std::chrono::seconds(10);
  o.total_timeout = std::chrono::seconds(30);
  o.max_bytes = 1 << 20;  // an answer is only read for its status
  o.per_host_concurrency = 4;
  o.per_host_delay = std::chrono::milliseconds(0);
  return o;
}

int64_t retry_delay(int attempts, const DeliveryOptions& options) {
  if (attempts >= options.max_attempts || options.backoff_seconds.empty()) return -1;
  size_t step = std::min<size_t>(std::max(attempts, 1) - 1, options.backoff_seconds.size() - 1);
  return options.backoff_seconds[step];
}

std::string webhook_payload(const Alert& alert) {
  nlohmann::json body = {{"event", "osprey.alert"}, {"alert", alert_json(alert)}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<DeliveryReport> deliver_due(store::Store& store, ingest::Fetcher& fetcher, int64_t now,
                                   const DeliveryOptions& options) {
  DeliveryReport report;
  // Each batch is claimed before it is posted; a batch smaller than asked is the last.
  for (;;) {
    auto due = store.claim_deliveries(now, options.lease_seconds, options.batch_size);
    if (!due.ok()) return due.error();
    const std::vector<Alert>& alerts = due.value();
    if (alerts.empty()) break;
    std::vector<ingest::FetchRequest> requests;
    for (const Alert& alert : alerts)
      requests.push_back({alert.webhook, "", "", webhook_payload(alert), "application/json"});
    std::vector<Delivery> outcomes(alerts.size());
    fetcher.fetch_all(requests, [&](size_t i, ingest::FetchResult&& result) {
      outcomes[i] = outcome_of(alerts[i], result, now, options);
    });
    for (size_t i = 0; i < alerts.size(); ++i) {
      auto saved = store.update_delivery(alerts[i].id, outcomes[i]);
      if (!saved.ok()) return saved.error();
      if (outcomes[i].status == "delivered")
        ++report.delivered;
      else if (outcomes[i].status == "failed")
        ++report.failed;
      else
        ++report.retrying;
      if (outcomes[i].status != "delivered")
        spdlog::warn("webhook for alert {}: {}", alerts[i].id, outcomes[i].last_error);
    }
    if (alerts.size() < options.batch_size) break;
  }
  return report;
}

DeliveryWorker::DeliveryWorker(std::string db, ingest::FetchOptions fetch, DeliveryOptions options,
                               std::chrono::milliseconds interval)
    : db_(std::move(db)),
      fetch_(std::move(fetch)),
      options_(std::move(options)),
      interval_(interval) {}

DeliveryWorker::~DeliveryWorker() {
  stop();
}

Result<bool> DeliveryWorker::start() {
  auto store = store::open_store(db_);
  if (!store.ok()) return store.error();
  auto fetcher = ingest::Fetcher::create(fetch_);
  if (!fetcher.ok()) return fetcher.error();
  // The thread owns both; shared_ptr because std::thread copies its callable.
  auto owned_store = std::shared_ptr<store::Store>(std::move(store.value()));
  auto owned_fetcher = std::make_shared<ingest::Fetcher>(std::move(fetcher.value()));
  thread_ = std::thread([this, owned_store, owned_fetcher] { run(*owned_store, *owned_fetcher); });
  return true;
}

void DeliveryWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::run(store::Store& store, ingest::Fetcher& fetcher) {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto report = deliver_due(store, fetcher, static_cast<int64_t>(std::time(nullptr)), options_);
    if (!report.ok())
      spdlog::error("webhooks: {}", report.error().message);
    else if (report.value().delivered + report.value().retrying + report.value().failed > 0)
      spdlog::info("webhooks: {} delivered, {} to retry, {} failed", report.value().delivered,
                   report.value().retrying, report.value().failed);
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace osprey::pipeline
