// Fuzzes HTML main-text extraction: any bytes give an Article with valid
// UTF-8 text, or an Error with a message; never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "osprey/ingest/html/article_reader.h"
#include "osprey/text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  osprey::Document doc;
  doc.url = "fuzz.html";
  // The first byte picks the declared charset, so that path is fuzzed too.
  static const char* kCharsets[] = {"", "utf-8", "windows-1252", "shift_jis", "koi8-r", "bogus"};
  if (size > 0) {
    doc.charset = kCharsets[data[0] % 6];
    ++data;
    --size;
  }
  doc.body.assign(reinterpret_cast<const char*>(data), size);
  auto result = osprey::ingest::read_article(doc);
  if (result.ok()) {
    const osprey::Article& a = result.value();
    if (!osprey::text::is_valid_utf8(a.text) || !osprey::text::is_valid_utf8(a.title))
      __builtin_trap();
  } else if (result.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
