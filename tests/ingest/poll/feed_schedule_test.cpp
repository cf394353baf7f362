#include "osprey/ingest/poll/feed_schedule.h"

#include <gtest/gtest.h>

#include <set>

namespace osprey::ingest {
namespace {

using std::chrono::seconds;

constexpr int64_t kNow = 1'700'000'000;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

ScheduleOptions no_jitter() {
  ScheduleOptions o;
  o.jitter = 0;
  return o;
}

TEST(FeedSchedule, NewFeedIsDueAtOnce) {
  FeedHealth h;
  EXPECT_TRUE(is_due(h, kNow));
  EXPECT_EQ(h.interval, seconds(15 * 60));
}

TEST(FeedSchedule, IsDueFromNextDueOn) {
  FeedHealth h;
  h.next_due = kNow + 10;
  EXPECT_FALSE(is_due(h, kNow + 9));
  EXPECT_TRUE(is_due(h, kNow + 10));
}

TEST(AdaptiveInterval, UnknownRateUsesTheDefault) {
  EXPECT_EQ(adaptive_interval(std::nullopt, ScheduleOptions{}), seconds(15 * 60));
}

TEST(AdaptiveInterval, AimsAtTheTargetItemsPerPoll) {
  ScheduleOptions o;
  EXPECT_EQ(adaptive_interval(24.0, o), seconds(kHour));  // one item an hour
  EXPECT_EQ(adaptive_interval(48.0, o), seconds(kHour / 2));
  o.target_items_per_poll = 2;
  EXPECT_EQ(adaptive_interval(24.0, o), seconds(2 * kHour));
}

TEST(AdaptiveInterval, StaysWithinBounds) {
  ScheduleOptions o;
  EXPECT_EQ(adaptive_interval(10'000.0, o), o.min_interval);  // busy feed
  EXPECT_EQ(adaptive_interval(0.5, o), o.max_interval);       // quiet feed
  EXPECT_EQ(adaptive_interval(0.0, o), o.max_interval);       // silent feed
}

TEST(AfterSuccess, FirstPollLearnsNoRateButSchedulesTheDefault) {
  FeedHealth h = after_success(FeedHealth{}, kNow, 50, no_jitter(), 1);
  EXPECT_FALSE(h.items_per_day);  // 50 is the backlog, not a rate
  EXPECT_EQ(h.last_success, kNow);
  EXPECT_EQ(h.next_due, kNow + 15 * 60);
}

TEST(AfterSuccess, SecondPollLearnsTheRate) {
  ScheduleOptions o = no_jitter();
  FeedHealth h = after_success(FeedHealth{}, kNow, 50, o, 1);
  h = after_success(h, kNow + kHour, 2, o, 2);  // 2 items in an hour: 48 a day
  ASSERT_TRUE(h.items_per_day);
  EXPECT_DOUBLE_EQ(*h.items_per_day, 48.0);
  EXPECT_EQ(h.interval, seconds(30 * 60));
  EXPECT_EQ(h.next_due, kNow + kHour + 30 * 60);
}

TEST(AfterSuccess, RateIsSmoothed) {
  ScheduleOptions o = no_jitter();
  FeedHealth h;
  h.last_success = kNow;
  h.items_per_day = 24.0;
  h = after_success(h, kNow + kDay, 124, o, 1);  // one busy day: 124 a day observed
  EXPECT_DOUBLE_EQ(*h.items_per_day, 0.7 * 24.0 + 0.3 * 124.0);
}

TEST(AfterSuccess, BusyFeedsArePolledMoreOftenQuietOnesLess) {
  ScheduleOptions o = no_jitter();
  FeedHealth busy, quiet;
  busy.last_success = quiet.last_success = kNow;
  busy.items_per_day = quiet.items_per_day = 24.0;
  for (int poll = 1; poll <= 20; ++poll) {
    busy = after_success(busy, busy.last_success + kHour, 20, o, 1);  // 480 a day
    quiet = after_success(quiet, quiet.last_success + kHour, 0, o, 1);
  }
  EXPECT_EQ(busy.interval, o.min_interval);
  EXPECT_GT(quiet.interval, seconds(kHour));
  EXPECT_LE(quiet.interval, o.max_interval);
}

TEST(AfterSuccess, TooShortAWindowTeachesNothing) {
  FeedHealth h;
  h.last_success = kNow;
  h.items_per_day = 24.0;
  h = after_success(h, kNow + 5, 100, no_jitter(), 1);
  EXPECT_DOUBLE_EQ(*h.items_per_day, 24.0);
}

TEST(AfterSuccess, ClearsTheFailureStreakButKeepsTheLastError) {
  FeedHealth h = after_failure(FeedHealth{}, kNow, "HTTP 500", std::nullopt, no_jitter(), 1);
  h = after_success(h, kNow + kHour, 1, no_jitter(), 2);
  EXPECT_EQ(h.consecutive_failures, 0);
  EXPECT_EQ(h.last_error, kNow);
  EXPECT_EQ(h.last_error_message, "HTTP 500");
}

TEST(AfterFailure, BacksOffExponentiallyUpToTheCap) {
  ScheduleOptions o = no_jitter();
  FeedHealth h;
  const int64_t expected[] = {300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 76800, 86400, 86400};
  for (int64_t delay : expected) {
    h = after_failure(h, kNow, "timeout", std::nullopt, o, 1);
    EXPECT_EQ(h.next_due, kNow + delay) << h.consecutive_failures;
  }
  EXPECT_EQ(h.consecutive_failures, 11);
  EXPECT_EQ(h.last_error, kNow);
  EXPECT_EQ(h.last_error_message, "timeout");
}

TEST(AfterFailure, HonoursRetryAfter) {
  FeedHealth h = after_failure(FeedHealth{}, kNow, "HTTP 429", 7200, ScheduleOptions{}, 1);
  EXPECT_GE(h.next_due, kNow + 7200);  // jitter never undercuts it
  EXPECT_LE(h.next_due, kNow + 7200 + 1);
}

TEST(AfterFailure, ShortRetryAfterDoesNotShortenTheBackoff) {
  FeedHealth h = after_failure(FeedHealth{}, kNow, "HTTP 503", 10, no_jitter(), 1);
  EXPECT_EQ(h.next_due, kNow + 300);
}

TEST(AfterFailure, RetryAfterIsCapped) {
  FeedHealth h = after_failure(FeedHealth{}, kNow, "HTTP 429", 10 * 365 * kDay, no_jitter(), 1);
  EXPECT_EQ(h.next_due, kNow + kDay);
}

TEST(AfterFailure, KeepsTheLearnedInterval) {
  FeedHealth h;
  h.interval = seconds(kHour);
  h.items_per_day = 24.0;
  h = after_failure(h, kNow, "dns", std::nullopt, no_jitter(), 1);
  EXPECT_EQ(h.interval, seconds(kHour));
  EXPECT_DOUBLE_EQ(*h.items_per_day, 24.0);
}

TEST(Jitter, StaysWithinTheFractionAndIsDeterministic) {
  std::set<int64_t> seen;
  for (uint64_t seed = 0; seed < 2000; ++seed) {
    int64_t due = jittered_due(kNow, seconds(1000), 0.1, seed);
    EXPECT_GE(due, kNow + 900);
    EXPECT_LE(due, kNow + 1100);
    EXPECT_EQ(due, jittered_due(kNow, seconds(1000), 0.1, seed));
    seen.insert(due);
  }
  EXPECT_GT(seen.size(), 150u);  // spread, not a constant
}

TEST(Jitter, ZeroJitterIsExactAndNeverEarlierThanNextSecond) {
  EXPECT_EQ(jittered_due(kNow, seconds(60), 0, 42), kNow + 60);
  EXPECT_EQ(jittered_due(kNow, seconds(0), 0.5, 42), kNow + 1);
}

TEST(Jitter, SeedsDifferPerFeedAndPoll) {
  EXPECT_EQ(schedule_seed("https://a.example/feed", kNow),
            schedule_seed("https://a.example/feed", kNow));
  EXPECT_NE(schedule_seed("https://a.example/feed", kNow),
            schedule_seed("https://b.example/feed", kNow));
  EXPECT_NE(schedule_seed("https://a.example/feed", kNow),
            schedule_seed("https://a.example/feed", kNow + 1));
}

TEST(Jitter, SpreadsFeedsAddedTogether) {
  ScheduleOptions o;
  std::set<int64_t> due;
  for (int i = 0; i < 100; ++i) {
    std::string url = "https://feeds.example/" + std::to_string(i);
    due.insert(after_success(FeedHealth{}, kNow, 10, o, schedule_seed(url, kNow)).next_due);
  }
  EXPECT_GT(due.size(), 50u);
  EXPECT_GE(*due.begin(), kNow + 810);
  EXPECT_LE(*due.rbegin(), kNow + 990);
}

}  // namespace
}  // namespace osprey::ingest
