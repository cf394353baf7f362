// The objects of each TAXII collection as last exported, kept until the
// store's data version (Store::data_version) changes, so paging through a
// collection exports it once, not once per page. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace osprey::server {

// One version of one object in a collection.
struct TaxiiEntry {
  std::string id, type, version, spec_version;
  int64_t date_added = 0;
  nlohmann::json object;
  std::string text;                  // `object` serialized once, for the pages that carry it
  bool first = false, last = false;  // the id's first or last version (match[version])
};
using TaxiiEntries = std::shared_ptr<const std::vector<TaxiiEntry>>;

class TaxiiCache {
 public:
  // The collection's entries exported at `data_version`, or null.
  TaxiiEntries find(const std::string& collection, int64_t data_version) const;
  // Keeps `entries` as the collection's at `data_version`, and forgets every
  // collection exported at another version (they are stale or gone).
  void put(const std::string& collection, int64_t data_version, TaxiiEntries entries);
  // How many exports were put: the work the cache did not save.
  uint64_t exports() const;
  // Held while a collection is exported, so that clients asking at once for
  // a collection not yet kept wait for one export instead of each running
  // their own (find again after taking it).
  std::mutex& export_mutex() { return export_mutex_; }

 private:
  mutable std::mutex mutex_;
  std::mutex export_mutex_;
  std::map<std::string, std::pair<int64_t, TaxiiEntries>> entries_;
  uint64_t exports_ = 0;
};

}  // namespace osprey::server
