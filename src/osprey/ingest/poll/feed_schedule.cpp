#include "osprey/ingest/poll/feed_schedule.h"

#include <algorithm>
#include <cmath>

namespace osprey::ingest {
namespace {

using std::chrono::seconds;

constexpr double kSecondsPerDay = 86400.0;

// SplitMix64: a small, well-mixed, portable generator step.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::optional<double> updated_rate(const FeedHealth& h, int64_t now, int new_items,
                                   const ScheduleOptions& o) {
  if (h.last_success == 0) return h.items_per_day;  // the first poll sees the whole backlog
  int64_t window = now - h.last_success;
  if (window < o.min_rate_window.count()) return h.items_per_day;
  double observed = double(std::max(new_items, 0)) * kSecondsPerDay / double(window);
  if (!h.items_per_day) return observed;
  double a = std::clamp(o.rate_smoothing, 0.0, 1.0);
  return (1 - a) * *h.items_per_day + a * observed;
}

}  // namespace

bool is_due(const FeedHealth& health, int64_t now) {
  return health.next_due <= now;
}

seconds adaptive_interval(std::optional<double> items_per_day, const ScheduleOptions& o) {
  if (!items_per_day) return std::clamp(o.default_interval, o.min_interval, o.max_interval);
  if (*items_per_day <= 0) return o.max_interval;
  double ideal = kSecondsPerDay * o.target_items_per_poll / *items_per_day;
  double bounded =
      std::clamp(ideal, double(o.min_interval.count()), double(o.max_interval.count()));
  return seconds(int64_t(std::llround(bounded)));
}

uint64_t schedule_seed(std::string_view feed_url, int64_t now) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (unsigned char c : feed_url) h = (h ^ c) * 0x100000001b3ull;
  return mix(h ^ uint64_t(now));
}

int64_t jittered_due(int64_t now, seconds delay, double jitter, uint64_t seed) {
  double unit = double(mix(seed) >> 11) / double(uint64_t{1} << 53);  // [0, 1)
  double factor = 1.0 + std::clamp(jitter, 0.0, 1.0) * (2.0 * unit - 1.0);
  auto scaled = int64_t(std::llround(double(delay.count()) * factor));
  return now + std::max<int64_t>(scaled, 1);
}

FeedHealth after_success(FeedHealth h, int64_t now, int new_items, const ScheduleOptions& o,
                         uint64_t seed) {
  h.items_per_day = updated_rate(h, now, new_items, o);
  h.interval = adaptive_interval(h.items_per_day, o);
  h.last_success = now;
  h.consecutive_failures = 0;
  h.next_due = jittered_due(now, h.interval, o.jitter, seed);
  return h;
}

FeedHealth after_failure(FeedHealth h, int64_t now, std::string message,
                         std::optional<int64_t> retry_after, const ScheduleOptions& o,
                         uint64_t seed) {
  h.consecutive_failures = std::max(h.consecutive_failures, 0) + 1;
  h.last_error = now;
  h.last_error_message = std::move(message);
  seconds delay = o.failure_backoff_initial;
  for (int i = 1; i < h.consecutive_failures && delay < o.failure_backoff_max; ++i) delay *= 2;
  delay = std::min(delay, o.failure_backoff_max);
  h.next_due = jittered_due(now, delay, o.jitter, seed);
  if (retry_after && *retry_after > 0) {
    int64_t honoured = std::min<int64_t>(*retry_after, o.failure_backoff_max.count());
    h.next_due = std::max(h.next_due, now + honoured);
  }
  return h;
}

}  // namespace osprey::ingest
