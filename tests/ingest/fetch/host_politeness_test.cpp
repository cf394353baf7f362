#include "osprey/ingest/fetch/host_politeness.h"

#include <gtest/gtest.h>

namespace osprey::ingest {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using Time = HostPoliteness::Time;

const Time t0 = Time{} + seconds(1000);

PolitenessSettings settings() {
  PolitenessSettings s;
  s.per_host_concurrency = 2;
  s.per_host_delay = milliseconds(500);
  s.backoff_initial = seconds(1);
  s.backoff_max = seconds(8);
  return s;
}

TEST(HostPoliteness, UnknownHostMayStart) {
  HostPoliteness p(settings());
  EXPECT_TRUE(p.can_start("a.example", t0));
  EXPECT_EQ(p.in_flight("a.example"), 0);
}

TEST(HostPoliteness, DelaySeparatesStartsToOneHost) {
  HostPoliteness p(settings());
  p.started("a.example", t0);
  EXPECT_FALSE(p.can_start("a.example", t0 + milliseconds(499)));
  EXPECT_TRUE(p.can_start("a.example", t0 + milliseconds(500)));
  EXPECT_TRUE(p.can_start("b.example", t0));  // other hosts are not held up
}

TEST(HostPoliteness, ConcurrencyCapsRequestsInFlight) {
  PolitenessSettings s = settings();
  s.per_host_delay = milliseconds(0);
  HostPoliteness p(s);
  p.started("a.example", t0);
  p.started("a.example", t0);
  EXPECT_EQ(p.in_flight("a.example"), 2);
  EXPECT_FALSE(p.can_start("a.example", t0 + seconds(10)));
  p.finished("a.example", t0, HostOutcome::success);
  EXPECT_TRUE(p.can_start("a.example", t0));
}

TEST(HostPoliteness, FailuresDoubleThePauseUpToTheCap) {
  PolitenessSettings s = settings();
  s.per_host_delay = milliseconds(0);
  HostPoliteness p(s);
  const seconds expected[] = {seconds(1), seconds(2), seconds(4), seconds(8), seconds(8)};
  for (seconds pause : expected) {
    p.started("a.example", t0);
    p.finished("a.example", t0, HostOutcome::failure);
    EXPECT_EQ(p.next_allowed("a.example"), t0 + pause);
  }
  EXPECT_EQ(p.consecutive_failures("a.example"), 5);
}

TEST(HostPoliteness, SuccessEndsTheFailureStreak) {
  HostPoliteness p(settings());
  p.started("a.example", t0);
  p.finished("a.example", t0, HostOutcome::failure);
  p.started("a.example", t0 + seconds(2));
  p.finished("a.example", t0 + seconds(2), HostOutcome::success);
  EXPECT_EQ(p.consecutive_failures("a.example"), 0);
}

TEST(HostPoliteness, NeutralOutcomesNeitherPauseNorReset) {
  HostPoliteness p(settings());
  p.started("a.example", t0);
  p.finished("a.example", t0, HostOutcome::failure);
  p.started("a.example", t0 + seconds(2));
  p.finished("a.example", t0 + seconds(2), HostOutcome::neutral);
  EXPECT_EQ(p.consecutive_failures("a.example"), 1);
  EXPECT_EQ(p.next_allowed("a.example"), t0 + seconds(2) + milliseconds(500));
}

TEST(HostPoliteness, RetryAfterPushesTheNextStart) {
  HostPoliteness p(settings());
  p.started("a.example", t0);
  p.finished("a.example", t0, HostOutcome::failure, seconds(120));
  EXPECT_EQ(p.next_allowed("a.example"), t0 + seconds(120));
  EXPECT_FALSE(p.can_start("a.example", t0 + seconds(119)));
  EXPECT_TRUE(p.can_start("a.example", t0 + seconds(120)));
}

}  // namespace
}  // namespace osprey::ingest
