#include "osprey/server/taxii_cache.h"

#include <iterator>

namespace osprey::server {

TaxiiEntries TaxiiCache::find(const std::string& collection, int64_t data_version) const {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(collection);
  if (found == entries_.end() || found->second.first != data_version) return nullptr;
  return found->second.second;
}

void TaxiiCache::put(const std::string& collection, int64_t data_version, TaxiiEntries entries) {
  std::lock_guard lock(mutex_);
  ++exports_;
  std::erase_if(entries_, [&](const auto& kept) { return kept.second.first != data_version; });
  entries_[collection] = {data_version, std::move(entries)};
}

uint64_t TaxiiCache::exports() const {
  std::lock_guard lock(mutex_);
  return exports_;
}

}  // namespace osprey::server
