// Answers to the read API's GET requests, kept while the store's data
// version (Store::data_version) stays the same: sixty-four analysts opening
// the same story list or actor page cost one query, and any new article,
// story, watchlist or alert makes every answer fresh again. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace osprey::server {

class ResponseCache {
 public:
  struct Answer {
    std::string content_type;
    std::string body;
  };

  // The answer kept for `key` at `data_version`, or nullopt.
  std::optional<Answer> find(const std::string& key, int64_t data_version);
  // Keeps a 200 answer; forgets everything kept at another data version, and
  // everything when more than kMaxBytes would be kept.
  void put(const std::string& key, int64_t data_version, Answer answer);
  // Requests answered from the cache.
  uint64_t hits() const;

  static constexpr size_t kMaxBytes = size_t{64} << 20;

 private:
  mutable std::mutex mutex_;
  int64_t data_version_ = -1;
  std::unordered_map<std::string, Answer> answers_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0;
};

}  // namespace osprey::server
