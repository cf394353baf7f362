// Webhook delivery: posts each pending alert as JSON to its watchlist's
// webhook, retrying with exponential backoff until it is delivered or has
// failed max_attempts times. Ingestion only records deliveries as pending
// (watch_alerts.h); this runs beside it on its own store connection and
// holds no transaction while it waits for a webhook, so a slow or hanging
// endpoint never delays ingestion.
//
// Webhooks go through the fetcher (ingest/fetch), so the SSRF guard applies:
// a webhook on a loopback or private address is refused unless the operator
// allows private addresses (osprey serve --allow-private-webhooks), since an
// alert's URL is written by whoever may create watchlists, and an internal
// SIEM is a deliberate choice. Such a refusal, like an invalid URL, fails the
// delivery at once; every other failure is retried.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "osprey/ingest/fetch/fetcher.h"
#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::pipeline {

struct DeliveryOptions {
  // The wait after the 1st, 2nd, … failed attempt; the last repeats.
  std::vector<int64_t> backoff_seconds = {30, 120, 600, 3600, 6 * 3600};
  int max_attempts = 6;         // after this many failures the delivery has failed
  size_t batch_size = 32;       // alerts posted at once
  int64_t lease_seconds = 300;  // a claimed delivery is due again after this if never finished
};

// How webhooks are posted: no redirects (curl would turn the POST into a
// GET), no retries inside a batch (the backoff above retries), a 10-second
// connect and 30-second total timeout, private addresses only when allowed.
ingest::FetchOptions webhook_fetch_options(bool allow_private);

// When to try again after `attempts` failed attempts, in seconds; -1 when
// the delivery has failed for good.
int64_t retry_delay(int attempts, const DeliveryOptions& options);

// The JSON body posted for an alert: the alert (alert_json) under "alert",
// with "event": "osprey.alert".
std::string webhook_payload(const Alert& alert);

struct DeliveryReport {
  int delivered = 0;
  int retrying = 0;  // failed this time, due again later
  int failed = 0;    // failed for good
};

// Posts every delivery due at `now` once (in batches), and records each
// outcome. An Error only when the store cannot be read or written.
Result<DeliveryReport> deliver_due(store::Store& store, ingest::Fetcher& fetcher, int64_t now,
                                   const DeliveryOptions& options = {});

// A thread that runs deliver_due() on its own store connection every
// `interval` until stopped.
class DeliveryWorker {
 public:
  DeliveryWorker(std::string db, ingest::FetchOptions fetch, DeliveryOptions options = {},
                 std::chrono::milliseconds interval = std::chrono::seconds(5));
  ~DeliveryWorker();
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;

  // An Error when the store or the fetcher cannot be set up.
  Result<bool> start();
  // Returns once the thread has finished its current post (at most the fetch timeout).
  void stop();

 private:
  void run(store::Store& store, ingest::Fetcher& fetcher);

  std::string db_;
  ingest::FetchOptions fetch_;
  DeliveryOptions options_;
  std::chrono::milliseconds interval_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace osprey::pipeline
