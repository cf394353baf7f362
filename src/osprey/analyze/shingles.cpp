#include "osprey/analyze/shingles.h"

#include "osprey/analyze/hashing.h"

namespace osprey::analyze {

std::string normalize_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_word(text, [&](std::string_view word) {
    if (!out.empty()) out.push_back(' ');
    out.append(word);
  });
  return out;
}

uint64_t content_hash(std::string_view text) {
  std::string normal = normalize_text(text);
  if (normal.empty()) return 0;
  uint64_t h = hash_bytes(normal, 0x6f73707265790001ull);
  return h == 0 ? 1 : h;  // 0 is reserved for "no text"
}

std::vector<uint64_t> word_hashes(std::string_view text) {
  std::vector<uint64_t> out;
  out.reserve(text.size() / 6);
  for_each_word(text, [&](std::string_view word) { out.push_back(hash_bytes(word)); });
  return out;
}

std::vector<uint64_t> shingle_hashes(const std::vector<uint64_t>& words, size_t width) {
  std::vector<uint64_t> out;
  if (words.empty() || width == 0) return out;
  if (words.size() < width) width = words.size();
  out.reserve(words.size() - width + 1);
  for (size_t i = 0; i + width <= words.size(); ++i) {
    uint64_t h = 0x51ed270b9a3c4f1dull;
    for (size_t j = 0; j < width; ++j) h = mix64(rotl64(h, 23) ^ words[i + j]);
    out.push_back(h);
  }
  return out;
}

}  // namespace osprey::analyze
