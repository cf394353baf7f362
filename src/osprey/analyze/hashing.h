// Stable 64-bit hashing for fingerprints. Fingerprints are persisted, so
// these functions must give the same value on every platform and in every
// version: changing one means bumping kFingerprintVersion (fingerprint.h)
// and recomputing what is stored.
#pragma once

#include <cstdint>
#include <string_view>

namespace osprey::analyze {

// The SplitMix64 finaliser: a bijection that spreads every input bit.
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

inline uint64_t rotl64(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

// Hash of a byte string, read 8 bytes at a time in little-endian order
// whatever the machine's byte order.
inline uint64_t hash_bytes(std::string_view s, uint64_t seed = 0) {
  uint64_t h = seed + s.size() * 0x9e3779b97f4a7c15ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t chunk = 0;
    for (int b = 7; b >= 0; --b) chunk = (chunk << 8) | static_cast<unsigned char>(s[i + b]);
    h = rotl64(h ^ mix64(chunk), 27) * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
  }
  if (i < s.size()) {
    uint64_t chunk = 0;
    for (size_t b = s.size(); b > i; --b)
      chunk = (chunk << 8) | static_cast<unsigned char>(s[b - 1]);
    h = rotl64(h ^ mix64(chunk ^ 0xff), 27) * 0x9e3779b97f4a7c15ull;
  }
  return mix64(h);
}

}  // namespace osprey::analyze
