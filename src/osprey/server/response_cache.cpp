#include "osprey/server/response_cache.h"

#include <functional>

namespace osprey::server {

std::shared_ptr<const ResponseCache::Answer> ResponseCache::find(const std::string& key,
                                                                 int64_t data_version) {
  std::lock_guard lock(mutex_);
  if (data_version != data_version_) return nullptr;
  auto found = answers_.find(key);
  if (found == answers_.end()) return nullptr;
  ++hits_;
  return found->second;
}

void ResponseCache::put(const std::string& key, int64_t data_version, Answer answer) {
  size_t size = key.size() + answer.body.size();
  if (size > kMaxBytes) return;
  auto kept = std::make_shared<const Answer>(std::move(answer));
  std::lock_guard lock(mutex_);
  if (data_version != data_version_ || bytes_ + size > kMaxBytes) {
    answers_.clear();
    bytes_ = 0;
    data_version_ = data_version;
  }
  if (answers_.try_emplace(key, std::move(kept)).second) bytes_ += size;
}

std::unique_lock<std::mutex> ResponseCache::computing(const std::string& key) {
  return std::unique_lock(computing_[std::hash<std::string>{}(key) % computing_.size()]);
}

uint64_t ResponseCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}

}  // namespace osprey::server
