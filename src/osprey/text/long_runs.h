// Runs of ASCII letters and digits at least N bytes long (hashes, wallet
// addresses), found 16 bytes at a time with SSE2. In Hyperscan a long
// repeat of one character class is the costliest pattern of all (measured:
// it alone cost a third of the scan), while prose seldom has a word of even
// 20 letters, so a vectorised loop finds these runs for a fraction of it.
#pragma once

#include <emmintrin.h>

#include <cstdint>
#include <string_view>

namespace osprey::text {

// The 16-bit mask of bytes at p[0..15] that are ASCII letters or digits.
inline unsigned alnum_mask16(const char* p) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // x in [lo, lo+n) ⇔ min(x - lo, n - 1) == x - lo, in unsigned bytes.
  __m128i digit = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  __m128i is_digit = _mm_cmpeq_epi8(_mm_min_epu8(digit, _mm_set1_epi8(9)), digit);
  __m128i letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  __m128i is_letter = _mm_cmpeq_epi8(_mm_min_epu8(letter, _mm_set1_epi8(25)), letter);
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)));
}

// Calls on_end(end) with the end offset of every run of at least `min_len`
// (≥ 17) letters and digits. Runs shorter than 17 cannot span a whole 16-byte
// block, which is what makes one mask per block enough.
template <typename OnEnd>
void for_each_long_run(std::string_view text, size_t min_len, OnEnd&& on_end) {
  size_t run = 0;  // length of the run ending at the current block's start
  size_t i = 0;
  auto close = [&](size_t end) {
    if (run >= min_len) on_end(end);
  };
  for (; i + 16 <= text.size(); i += 16) {
    unsigned mask = alnum_mask16(text.data() + i);
    if (mask == 0xFFFF) {
      run += 16;
      continue;
    }
    unsigned leading = static_cast<unsigned>(__builtin_ctz(~mask));  // ones at the start
    run += leading;
    close(i + leading);
    // Ones at the top of the block start the next run.
    run = mask & 0x8000u ? static_cast<size_t>(__builtin_clz(~(mask << 16))) : 0;
  }
  for (; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (alnum) {
      ++run;
    } else {
      close(i);
      run = 0;
    }
  }
  close(text.size());
}

}  // namespace osprey::text
