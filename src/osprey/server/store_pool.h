// Store connections for the request threads. A SqliteStore is not
// thread-safe, so each request leases a connection of its own and returns it
// when done; connections are reused, and there are never more than requests
// in flight at once. SQLite's WAL mode lets these readers run beside one
// writer (the feed poller's own connection, or a POST /feeds).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "osprey/model/result.h"
#include "osprey/store/store.h"

namespace osprey::server {

class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}

  // A connection used by one thread only until the lease ends.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> store)
        : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  // An idle connection, or a new one; an Error when the store cannot be opened.
  Result<Lease> lease();

  // Closes the idle connections (leased ones close when they come back after this).
  void close();

 private:
  void give_back(std::unique_ptr<store::Store> store);

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
  bool closed_ = false;
};

}  // namespace osprey::server
