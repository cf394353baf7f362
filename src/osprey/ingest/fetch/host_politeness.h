// Per-host politeness: how many requests a host may have in flight, the
// earliest moment the next one may start, and the pause that grows while a
// host keeps failing or asks to be left alone (Retry-After). Pure state over
// times the caller passes in, so the rules are testable without a clock.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace osprey::ingest {

struct PolitenessSettings {
  int per_host_concurrency = 2;
  std::chrono::milliseconds per_host_delay{1'000};   // start to start
  std::chrono::milliseconds backoff_initial{1'000};  // after the first failure in a row
  std::chrono::milliseconds backoff_max{60'000};     // the doubling stops here
};

// How a finished request counts towards the host's backoff.
enum class HostOutcome {
  success,  // the host answered well: the failure streak ends
  failure,  // transient trouble (timeout, 5xx, 429): the pause doubles
  neutral,  // the host is not to blame (404, refused by our guard, too large)
};

class HostPoliteness {
 public:
  using Clock = std::chrono::steady_clock;
  using Time = Clock::time_point;

  explicit HostPoliteness(PolitenessSettings settings) : settings_(settings) {}

  // True when a request to `host` may start at `now`: below the concurrency
  // cap and past the host's delay or backoff.
  bool can_start(std::string_view host, Time now) const;

  // The earliest time a request may start, ignoring the concurrency cap;
  // a time in the past (or Time{}) for a host never seen.
  Time next_allowed(std::string_view host) const;

  void started(std::string_view host, Time now);

  // `retry_after` (from 429/503) pushes the next start at least that far.
  void finished(std::string_view host, Time now, HostOutcome outcome,
                std::optional<std::chrono::seconds> retry_after = std::nullopt);

  int in_flight(std::string_view host) const;
  int consecutive_failures(std::string_view host) const;

 private:
  struct Host {
    int in_flight = 0;
    int failures = 0;
    Time next_allowed{};
  };
  const Host* find(std::string_view host) const;

  PolitenessSettings settings_;
  std::unordered_map<std::string, Host> hosts_;
};

}  // namespace osprey::ingest
