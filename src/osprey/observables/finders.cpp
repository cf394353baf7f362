// Finders: candidates that Hyperscan would find only at a high price. Each
// replaced an expression that, measured on news-like text, cost the whole
// scan a third or more of its speed: a long class repeat, and a class of
// non-ASCII bytes around a full stop.
#include <cstring>

#include "osprey/observables/validators.h"
#include "osprey/text/long_runs.h"

namespace osprey::observables {

void find_long_tokens(std::string_view text, void (*on_end)(uint64_t, void*), void* ctx) {
  text::for_each_long_run(text, 25, [&](uint64_t end) { on_end(end, ctx); });
}

void find_non_ascii_dots(std::string_view text, void (*on_end)(uint64_t, void*), void* ctx) {
  const char* base = text.data();
  const char* end = base + text.size();
  for (const char* p = base; p < end;) {
    const char* dot = static_cast<const char*>(std::memchr(p, '.', static_cast<size_t>(end - p)));
    if (!dot) break;
    size_t i = static_cast<size_t>(dot - base);
    bool before = i > 0 && static_cast<unsigned char>(base[i - 1]) >= 0x80;
    bool after = i + 1 < text.size() && static_cast<unsigned char>(base[i + 1]) >= 0x80;
    if ((before || after) && i + 1 < text.size()) on_end(i + 2, ctx);
    p = dot + 1;
  }
}

}  // namespace osprey::observables
