// Fuzzes the knowledge-base loader's record parsing: one line of
// entities-*.jsonl or relations.jsonl, any bytes. A record either parses or
// is a clear error; nothing throws out of the loader's functions.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "osprey/kb/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (record.is_discarded()) return 0;  // not JSON: the loader reports the line
  auto entity = osprey::kb::entity_from_json(record);
  if (entity.ok()) {
    // What parses writes back and parses again to the same entity.
    auto again = osprey::kb::entity_from_json(nlohmann::json::parse(osprey::kb::entity_to_json(entity.value()).dump()));
    if (!again.ok() || again.value().id != entity.value().id) __builtin_trap();
  }
  (void)osprey::kb::relation_from_json(record);
  return 0;
}
