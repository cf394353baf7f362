// One polling cycle over the subscriptions in the store: fetch the feeds
// that are due (conditional GET, politely, in bounded batches), ingest what
// changed, and record each feed's health and next due time. A failing feed
// never stalls the others.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "osprey/ingest/fetch/fetcher.h"
#include "osprey/ingest/poll/feed_schedule.h"
#include "osprey/pipeline/ingest_pipeline.h"
#include "osprey/store/store.h"

namespace osprey::pipeline {

struct PollOptions {
  bool all = false;        // poll every enabled feed, due or not
  size_t batch_size = 32;  // feeds fetched at once: bounds memory to batch × max_bytes
  ingest::ScheduleOptions schedule;
};

struct PollReport {
  int feeds_polled = 0;
  int not_modified = 0;
  int feeds_failed = 0;
  IngestReport items;    // what the feeds' items did in the store
  int64_t next_due = 0;  // earliest next_due over all feeds after this cycle
};

// Called after each feed: its URL, whether it failed, and the message.
using PollProgress = std::function<void(const Source& feed, const std::string& error)>;

// Polls the due feeds once. Errors reading the subscription list are
// returned; every per-feed failure is recorded in the store instead.
Result<PollReport> poll_once(store::Store& store, ingest::Fetcher& fetcher,
                             IngestPipeline& pipeline, int64_t now, const PollOptions& options = {},
                             const PollProgress& progress = nullptr);

}  // namespace osprey::pipeline
