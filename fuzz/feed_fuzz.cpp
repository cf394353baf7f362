// Fuzzes feed parsing (XML, the HTML fallback and JSON Feed), OPML import
// and feed dates. Every string that comes out must be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "osprey/text/dates.h"
#include "osprey/ingest/feed/feed.h"
#include "osprey/ingest/feed/opml.h"
#include "osprey/text/utf8.h"

namespace {

void check(const std::string& s) {
  if (!osprey::text::is_valid_utf8(s)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  osprey::Document doc;
  doc.url = "https://fuzz.example.com/feed.xml";
  doc.final_url = doc.url;
  // The first byte picks an HTTP charset, so that path is fuzzed too.
  static const char* const kCharsets[] = {"", "utf-8", "iso-8859-1", "windows-1252", "shift_jis"};
  if (!bytes.empty()) doc.charset = kCharsets[static_cast<uint8_t>(bytes[0]) % 5];
  doc.body = std::string(bytes);
  auto feed = osprey::ingest::parse_feed(doc);
  if (feed.ok()) {
    const auto& f = feed.value();
    check(f.title);
    check(f.link);
    for (const auto& w : f.warnings) check(w);
    for (const auto& item : f.items) {
      check(item.title);
      check(item.link);
      check(item.summary);
      check(item.content);
      for (const auto& a : item.authors) check(a);
      for (const auto& c : item.categories) check(c);
    }
  }
  (void)osprey::ingest::parse_opml(bytes);
  if (size < 256) (void)osprey::text::parse_date(bytes);
  return 0;
}
