#include "osprey/server/metrics.h"

#include <sstream>

namespace osprey::server {

void Metrics::record(int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++by_status_[status];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++buckets_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(int64_t articles_total, int64_t feeds_failing, uint64_t taxii_exports,
                            uint64_t api_cache_hits) const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP osprey_articles_total Articles in the store.\n"
      << "# TYPE osprey_articles_total gauge\n"
      << "osprey_articles_total " << articles_total << "\n"
      << "# HELP osprey_feeds_failing Subscriptions whose last poll failed.\n"
      << "# TYPE osprey_feeds_failing gauge\n"
      << "osprey_feeds_failing " << feeds_failing << "\n"
      << "# HELP osprey_taxii_exports_total TAXII collections exported (not served from cache).\n"
      << "# TYPE osprey_taxii_exports_total counter\n"
      << "osprey_taxii_exports_total " << taxii_exports << "\n"
      << "# HELP osprey_api_cache_hits_total API requests answered from the response cache.\n"
      << "# TYPE osprey_api_cache_hits_total counter\n"
      << "osprey_api_cache_hits_total " << api_cache_hits << "\n"
      << "# HELP osprey_http_requests_total HTTP requests answered, by status code.\n"
      << "# TYPE osprey_http_requests_total counter\n";
  for (const auto& [status, n] : by_status_) {
    out << "osprey_http_requests_total{code=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP osprey_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE osprey_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out << "osprey_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << buckets_[i] << "\n";
  }
  out << "osprey_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "osprey_http_request_duration_seconds_sum " << sum_ << "\n"
      << "osprey_http_request_duration_seconds_count " << count_ << "\n";
  return out.str();
}

}  // namespace osprey::server
