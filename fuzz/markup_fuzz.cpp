// Fuzzes the crude HTML blanking used by `osprey extract` on HTML files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "osprey/text/markup.h"
#include "osprey/text/sentences.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string text = osprey::text::blank_markup(html);
  if (text.size() != size) __builtin_trap();
  (void)osprey::text::looks_like_html(html);
  for (const auto& s : osprey::text::split_sentences(text))
    if (s.start >= s.end || s.end > size) __builtin_trap();
  return 0;
}
