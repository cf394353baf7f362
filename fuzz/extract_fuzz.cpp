// Fuzzes the whole observable pipeline: refanging, the multi-pattern scan,
// every validator, sentence splitting, and the streaming chunker.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "osprey/observables/extractor.h"
#include "osprey/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const osprey::observables::Extractor extractor =
      osprey::observables::Extractor::create().value();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  osprey::Findings whole = extractor.extract(text);
  for (const auto& o : whole.observables) {
    if (!osprey::text::is_valid_utf8(o.context)) __builtin_trap();
    for (const auto& span : o.spans)
      if (span.start > span.end || span.end > size) __builtin_trap();
  }
  // The same bytes through the stream, in small chunks.
  osprey::observables::ExtractOptions options;
  options.chunk_bytes = 4096;
  auto stream = extractor.stream(options);
  for (size_t pos = 0; pos < size; pos += 777) stream.feed(text.substr(pos, 777));
  osprey::Findings streamed = stream.finish();
  if (streamed.bytes != size) __builtin_trap();
  return 0;
}
