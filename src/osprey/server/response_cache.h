// Answers to the read API's GET requests, kept while the store's data
// version (Store::data_version) stays the same: sixty-four analysts opening
// the same story list or actor page cost one query, and any new article,
// story, watchlist or alert makes every answer fresh again. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace osprey::server {

class ResponseCache {
 public:
  struct Answer {
    std::string content_type;
    std::string body;
  };

  // The answer kept for `key` at `data_version`, or null. Shared, so that
  // it is copied into the response outside the cache's lock.
  std::shared_ptr<const Answer> find(const std::string& key, int64_t data_version);
  // Keeps a 200 answer; forgets everything kept at another data version, and
  // everything when more than kMaxBytes would be kept.
  void put(const std::string& key, int64_t data_version, Answer answer);
  // Held while the answer for `key` is computed: clients asking at once for
  // the same missing answer wait for one computation (then find it) instead
  // of each running the query. Keys share 64 locks by hash.
  std::unique_lock<std::mutex> computing(const std::string& key);
  // Requests answered from the cache.
  uint64_t hits() const;

  static constexpr size_t kMaxBytes = size_t{64} << 20;

 private:
  mutable std::mutex mutex_;
  int64_t data_version_ = -1;
  std::unordered_map<std::string, std::shared_ptr<const Answer>> answers_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0;
  std::array<std::mutex, 64> computing_;
};

}  // namespace osprey::server
