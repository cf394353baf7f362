#pragma once

#include <cstdint>

namespace osprey {

// Where a finding sits: byte offsets [start, end) into the text that was
// analysed (for an input file, its bytes as read).
struct Span {
  uint64_t start = 0;
  uint64_t end = 0;

  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace osprey
