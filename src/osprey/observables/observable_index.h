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
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.position == kNone) return kNone;
      if (s.hash == hash && same(s.position)) return s.position;
    }
  }

  // Records `position` under `hash` (not checked for duplicates).
  void insert(uint64_t hash, size_t position) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(hash, position);
    ++size_;
  }

  void clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }

 private:
  struct Slot {
    uint64_t hash;
    size_t position = kNone;
  };
  void place(uint64_t hash, size_t position) {
    size_t i = hash & mask_;
    while (slots_[i].position != kNone) i = (i + 1) & mask_;
    slots_[i] = {hash, position};
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old)
      if (s.position != kNone) place(s.hash, s.position);
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace osprey::observables
