#include "osprey/server/store_pool.h"

namespace osprey::server {

StorePool::Lease::~Lease() {
  if (store_) pool_->give_back(std::move(store_));
}

Result<StorePool::Lease> StorePool::lease() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Store> store = std::move(idle_.back());
      idle_.pop_back();
      store->end_reads();  // see the commits made since its last use
      return Lease(*this, std::move(store));
    }
  }
  auto opened = store::open_store(path_);
  if (!opened.ok()) return opened.error();
  return Lease(*this, std::move(opened.value()));
}

void StorePool::give_back(std::unique_ptr<store::Store> store) {
  std::lock_guard lock(mutex_);
  if (!closed_) idle_.push_back(std::move(store));
}

void StorePool::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  idle_.clear();
}

}  // namespace osprey::server
