// UTF-8 validation and repair. Osprey reads bytes written by anyone: these
// functions never read past the input and accept any byte sequence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace osprey::text {

// Length of the well-formed UTF-8 sequence at `pos` (1..4), or 0 if the bytes
// there are not well-formed (overlong forms, surrogates and code points above
// U+10FFFF are not well-formed).
size_t utf8_sequence_length(std::string_view text, size_t pos);

// True when the whole text is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// The text with every ill-formed byte replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

// The largest cut <= pos that does not split a UTF-8 sequence.
size_t utf8_cut_before(std::string_view text, size_t pos);

// Calls fn(start, length) for each maximal run of ill-formed bytes.
template <typename Fn>
void for_each_invalid_utf8(std::string_view text, Fn&& fn) {
  size_t i = 0;
  while (i < text.size()) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<uint8_t>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len = utf8_sequence_length(text, i);
    if (len != 0) {
      i += len;
      continue;
    }
    size_t start = i;
    while (i < text.size() && static_cast<uint8_t>(text[i]) >= 0x80 &&
           utf8_sequence_length(text, i) == 0) {
      ++i;
    }
    fn(start, i - start);
  }
}

}  // namespace osprey::text
