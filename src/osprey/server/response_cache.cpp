#include "osprey/server/response_cache.h"

namespace osprey::server {

std::optional<ResponseCache::Answer> ResponseCache::find(const std::string& key,
                                                         int64_t data_version) {
  std::lock_guard lock(mutex_);
  if (data_version != data_version_) return std::nullopt;
  auto found = answers_.find(key);
  if (found == answers_.end()) return std::nullopt;
  ++hits_;
  return found->second;
}

void ResponseCache::put(const std::string& key, int64_t data_version, Answer answer) {
  std::lock_guard lock(mutex_);
  size_t size = key.size() + answer.body.size();
  if (data_version != data_version_ || bytes_ + size > kMaxBytes) {
    answers_.clear();
    bytes_ = 0;
    data_version_ = data_version;
  }
  if (size > kMaxBytes) return;
  auto [at, added] = answers_.try_emplace(key, std::move(answer));
  if (added) bytes_ += size;
}

uint64_t ResponseCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

}  // namespace osprey::server
