// Finders: candidates that Hyperscan would find only at a high price. Each
// replaced an expression that, measured on news-like text, cost the whole
// scan a third or more of its speed: a long class repeat, and a class of
// non-ASCII bytes around a full stop.
#include <emmintrin.h>

#include <cstring>

#include "osprey/observables/validators.h"
#include "osprey/text/long_runs.h"

namespace osprey::observables {

void find_long_tokens(std::string_view text, void (*on_end)(uint64_t, void*), void* ctx) {
  text::for_each_long_run(text, 25, [&](uint64_t end) { on_end(end, ctx); });
}

// 16 bytes at a time: most blocks of English text have no byte >= 0x80 at
// all and are passed over after one compare.
void find_non_ascii_dots(std::string_view text, void (*on_end)(uint64_t, void*), void* ctx) {
  auto report = [&](size_t i) {  // i: a full stop
    bool before = i > 0 && static_cast<unsigned char>(text[i - 1]) >= 0x80;
    bool after = i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80;
    if ((before || after) && i + 1 < text.size()) on_end(i + 2, ctx);
  };
  size_t i = 0;
  bool skipped = false;  // the block before was all ASCII and not looked at
  for (; i + 16 <= text.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (_mm_movemask_epi8(v) == 0) {
      skipped = true;
      continue;
    }
    // A full stop ending a skipped block may have a non-ASCII byte after it.
    if (skipped && text[i - 1] == '.') report(i - 1);
    skipped = false;
    unsigned dots = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
    while (dots) {
      report(i + static_cast<size_t>(__builtin_ctz(dots)));
      dots &= dots - 1;
    }
  }
  for (size_t j = skipped ? i - 1 : i; j < text.size(); ++j)
    if (text[j] == '.') report(j);
}

}  // namespace osprey::observables
