// Request counters and latencies for GET /metrics, in the Prometheus text
// exposition format. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace osprey::server {

class Metrics {
 public:
  // Counts one answered request with its status and how long it took.
  void record(int status, double seconds);

  // The exposition text: the request counters and histogram, plus the
  // store's gauges and the TAXII export count passed in.
  std::string render(int64_t articles_total, int64_t feeds_failing, uint64_t taxii_exports,
                     uint64_t api_cache_hits) const;

  // Upper bounds (seconds) of the latency histogram's buckets, +Inf implied.
  static constexpr std::array<double, 8> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};

 private:
  mutable std::mutex mutex_;
  std::map<int, uint64_t> by_status_;
  std::array<uint64_t, kBuckets.size()> buckets_{};  // cumulative counts
  uint64_t count_ = 0;
  double sum_ = 0;
};

}  // namespace osprey::server
