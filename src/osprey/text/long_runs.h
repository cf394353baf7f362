// Runs of ASCII letters and digits at least N bytes long (hashes, wallet
// addresses), found 64 bytes at a time with SSE2. In Hyperscan a long
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

// Bits where a run of at least n (≥ 1) consecutive one bits starts.
inline uint64_t run_starts(uint64_t m, size_t n) {
  size_t len = 1;
  for (; len * 2 <= n; len *= 2) m &= m >> len;
  return n > len ? m & (m >> (n - len)) : m;
}

// Calls on_end(end) with the end offset of every run of at least `min_len`
// letters and digits, 64 bytes (four 16-byte masks) at a time.
template <typename OnEnd>
void for_each_long_run(std::string_view text, size_t min_len, OnEnd&& on_end) {
  size_t run = 0;  // length of the run ending where the current block starts
  size_t i = 0;
  for (; i + 64 <= text.size(); i += 64) {
    const char* p = text.data() + i;
    uint64_t m = uint64_t{alnum_mask16(p)} | uint64_t{alnum_mask16(p + 16)} << 16 |
                 uint64_t{alnum_mask16(p + 32)} << 32 | uint64_t{alnum_mask16(p + 48)} << 48;
    if (m == ~uint64_t{0}) {
      run += 64;
      continue;
    }
    // The run coming in from earlier blocks ends in this one.
    size_t leading = static_cast<size_t>(__builtin_ctzll(~m));
    if (run + leading >= min_len) on_end(i + leading);
    // Runs wholly inside the block (the one reaching its end goes on).
    size_t trailing = static_cast<size_t>(__builtin_clzll(~m));
    uint64_t inside = m & ~((uint64_t{1} << leading) - 1);
    if (trailing) inside &= ~(~uint64_t{0} << (64 - trailing));
    for (uint64_t starts = run_starts(inside, min_len); starts;) {
      size_t start = static_cast<size_t>(__builtin_ctzll(starts));
      size_t end = start + static_cast<size_t>(__builtin_ctzll(~(inside >> start)));
      on_end(i + end);
      starts &= end >= 64 ? 0 : ~uint64_t{0} << end;
    }
    run = trailing;
  }
  for (; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      ++run;
      continue;
    }
    if (run >= min_len) on_end(i);
    run = 0;
  }
  if (run >= min_len) on_end(text.size());
}

}  // namespace osprey::text
