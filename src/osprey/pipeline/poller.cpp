#include "osprey/pipeline/poller.h"

#include <algorithm>

namespace osprey::pipeline {
namespace {

// The store keeps health as plain model values; the schedule rules work on
// their own value type.
ingest::FeedHealth schedule_state(const Source& feed) {
  ingest::FeedHealth h;
  h.interval = std::chrono::seconds(feed.interval);
  h.last_success = feed.health.last_success;
  h.last_error = feed.health.last_error;
  h.last_error_message = feed.health.last_error_message;
  h.consecutive_failures = feed.health.consecutive_failures;
  if (feed.health.items_per_day > 0 || feed.health.last_success > 0) {
    h.items_per_day = feed.health.items_per_day;
  }
  h.next_due = feed.next_due;
  return h;
}

void apply(const ingest::FeedHealth& h, Source& feed) {
  feed.interval = h.interval.count();
  feed.health.last_success = h.last_success;
  feed.health.last_error = h.last_error;
  feed.health.last_error_message = h.last_error_message;
  feed.health.consecutive_failures = h.consecutive_failures;
  feed.health.items_per_day = h.items_per_day.value_or(0);
  feed.next_due = h.next_due;
}

}  // namespace

Result<PollReport> poll_once(store::Store& store, ingest::Fetcher& fetcher,
                             IngestPipeline& pipeline, int64_t now, const PollOptions& options,
                             const PollProgress& progress) {
  auto feeds = store.list_feeds();
  if (!feeds.ok()) return feeds.error();
  std::vector<Source> due;
  PollReport report;
  for (Source& feed : feeds.value()) {
    if (!feed.enabled) continue;
    if (options.all || ingest::is_due(schedule_state(feed), now)) {
      due.push_back(std::move(feed));
    } else if (report.next_due == 0 || feed.next_due < report.next_due) {
      report.next_due = feed.next_due;
    }
  }
  const size_t batch = std::max<size_t>(1, options.batch_size);
  for (size_t begin = 0; begin < due.size(); begin += batch) {
    size_t end = std::min(due.size(), begin + batch);
    std::vector<ingest::FetchRequest> requests;
    for (size_t i = begin; i < end; ++i) {
      requests.push_back({due[i].url, due[i].etag, due[i].last_modified});
    }
    std::vector<ingest::FetchResult> results(requests.size());
    fetcher.fetch_all(requests, [&](size_t index, ingest::FetchResult&& result) {
      results[index] = std::move(result);
    });
    for (size_t i = begin; i < end; ++i) {
      Source& feed = due[i];
      ingest::FetchResult& result = results[i - begin];
      uint64_t seed = ingest::schedule_seed(feed.url, now);
      ingest::FeedHealth health = schedule_state(feed);
      feed.health.last_polled = now;
      std::string error;
      if (!result.ok()) {
        error = result.error;
        health =
            ingest::after_failure(health, now, error, result.retry_after, options.schedule, seed);
      } else if (result.not_modified) {
        ++report.not_modified;
        health = ingest::after_success(health, now, 0, options.schedule, seed);
      } else {
        auto ingested = pipeline.ingest_feed(result.doc, feed.url);
        if (!ingested.ok()) {
          error = ingested.error().message;
          health = ingest::after_failure(health, now, error, std::nullopt, options.schedule, seed);
        } else {
          feed.etag = result.etag;
          feed.last_modified = result.last_modified;
          feed.health.items_total += ingested.value().created;
          health =
              ingest::after_success(health, now, ingested.value().created, options.schedule, seed);
          report.items.add(ingested.value());
        }
      }
      ++report.feeds_polled;
      if (!error.empty()) ++report.feeds_failed;
      apply(health, feed);
      if (report.next_due == 0 || feed.next_due < report.next_due) report.next_due = feed.next_due;
      auto saved = store.update_feed(feed);
      if (!saved.ok()) report.items.errors.push_back(feed.url + ": " + saved.error().message);
      if (progress) progress(feed, error);
    }
  }
  return report;
}

}  // namespace osprey::pipeline
