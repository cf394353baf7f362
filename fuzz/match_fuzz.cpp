// Fuzzes entity recognition over the committed knowledge base: any bytes,
// mentions with spans inside the text and valid alias spans.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "osprey/kb/knowledge_base.h"
#include "osprey/kb/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const osprey::kb::KnowledgeBase kb = [] {
    auto loaded = osprey::kb::KnowledgeBase::load(OSPREY_KB_DIR);
    if (!loaded.ok()) std::abort();
    return std::move(loaded).value();
  }();
  static const osprey::kb::EntityMatcher matcher = osprey::kb::EntityMatcher::create(kb).value();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const osprey::Mention& m : matcher.match(text)) {
    if (m.spans.empty() || m.count < m.spans.size() || m.confidence <= 0 || m.confidence > 1) __builtin_trap();
    for (const auto& span : m.spans)
      if (span.start >= span.end || span.end > size) __builtin_trap();
  }
  return 0;
}
