// When to poll a feed next. Pure rules over plain values: the store keeps a
// FeedHealth per feed, `osprey poll` fetches the due ones and feeds each
// outcome back through after_success or after_failure.
//
// Times are Unix seconds (UTC), like Document::fetched_at; durations are
// std::chrono::seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace osprey::ingest {

struct ScheduleOptions {
  std::chrono::seconds default_interval{15 * 60};  // until the feed's rate is known
  std::chrono::seconds min_interval{5 * 60};       // the busiest feed is polled this often
  std::chrono::seconds max_interval{6 * 3600};     // the quietest feed at least this often
  double target_items_per_poll = 1.0;        // the adaptive aim: about this many new items per poll
  double rate_smoothing = 0.3;               // weight of the newest rate observation, 0..1
  std::chrono::seconds min_rate_window{60};  // shorter gaps between successes teach no rate
  std::chrono::seconds failure_backoff_initial{5 * 60};  // after the first failure in a row
  std::chrono::seconds failure_backoff_max{24 * 3600};   // also caps an honoured Retry-After
  double jitter = 0.1;  // each delay is scaled by a factor in [1 - jitter, 1 + jitter]
};

struct FeedHealth {
  std::chrono::seconds interval{15 * 60};  // the current polling interval
  int64_t last_success = 0;                // 0: never
  int64_t last_error = 0;                  // 0: never
  std::string last_error_message;
  int consecutive_failures = 0;
  std::optional<double> items_per_day;  // smoothed; unknown until two successes
  int64_t next_due = 0;                 // 0: due at once
};

// True when the feed should be polled at `now`.
bool is_due(const FeedHealth& health, int64_t now);

// The interval that yields about target_items_per_poll new items at the
// given rate, within [min_interval, max_interval]; default_interval when
// the rate is unknown, max_interval when the feed publishes nothing.
std::chrono::seconds adaptive_interval(std::optional<double> items_per_day,
                                       const ScheduleOptions& options);

// A seed for the jitter that differs per feed and per poll but is the same
// for the same inputs, so a test (or a replay) sees the same schedule.
uint64_t schedule_seed(std::string_view feed_url, int64_t now);

// `now + delay` scaled by a factor in [1 - jitter, 1 + jitter] drawn from
// `seed`; never earlier than now + 1.
int64_t jittered_due(int64_t now, std::chrono::seconds delay, double jitter, uint64_t seed);

// A successful poll (a 304 counts, with new_items = 0) that found
// `new_items` items not seen before: updates the rate estimate, adapts the
// interval, clears the failure streak and sets next_due.
FeedHealth after_success(FeedHealth health, int64_t now, int new_items,
                         const ScheduleOptions& options, uint64_t seed);

// A failed poll: the failure streak grows and next_due backs off
// exponentially (failure_backoff_initial doubling up to failure_backoff_max);
// a Retry-After (seconds) is honoured up to that cap, jitter never undercuts it.
FeedHealth after_failure(FeedHealth health, int64_t now, std::string message,
                         std::optional<int64_t> retry_after, const ScheduleOptions& options,
                         uint64_t seed);

}  // namespace osprey::ingest
