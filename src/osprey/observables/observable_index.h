// Finds an observable recorded earlier by its type and value: an
// open-addressing hash table of positions with linear probing. It stores no
// keys, only hashes and positions; the caller compares the candidates, so
// lookups allocate nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace osprey::observables {

class ObservableIndex {
 public:
  static constexpr size_t kNone = ~size_t{0};

  static uint64_t hash(size_t type, std::string_view value) {
    return std::hash<std::string_view>()(value) * 0x9E3779B97F4A7C15ULL + type;
  }

  // The position recorded for `hash` for which same(position) is true, or kNone.
  template <typename Same>
  size_t find(uint64_t hash, Same&& same) const {
    if (slots_.empty()) return kNone;
    uint32_t tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = tag & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.position == kEmpty) return kNone;
      if (s.tag == tag && same(s.position)) return s.position;
    }
  }

  // Starts loading the slot `hash` probes first, so that a find() soon
  // after does not wait on memory (the table outgrows the caches).
  void prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<uint32_t>(hash >> 32) & mask_]);
  }

  // Records `position` under `hash` (not checked for duplicates).
  void insert(uint64_t hash, size_t position) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(static_cast<uint32_t>(hash >> 32), position);
    ++size_;
  }

  void clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }

 private:
  // Eight bytes a slot, so that the table stays in cache: the high half of
  // the hash, which also chooses the slot, and the position (fewer than
  // 2^32 observables).
  static constexpr uint32_t kEmpty = ~uint32_t{0};
  struct Slot {
    uint32_t tag = 0;
    uint32_t position = kEmpty;
  };
  void place(uint32_t tag, size_t position) {
    size_t i = tag & mask_;
    while (slots_[i].position != kEmpty) i = (i + 1) & mask_;
    slots_[i] = {tag, static_cast<uint32_t>(position)};
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.position != kEmpty) place(s.tag, s.position);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace osprey::observables
