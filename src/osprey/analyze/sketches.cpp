#include "osprey/analyze/sketches.h"

#include <algorithm>
#include <limits>

#include "osprey/analyze/hashing.h"

namespace osprey::analyze {
namespace {

// Multipliers and offsets of the permutations, the same in every process.
struct Permutations {
  std::vector<uint64_t> a, b;
  explicit Permutations(size_t n) : a(n), b(n) {
    for (size_t i = 0; i < n; ++i) {
      a[i] = mix64(0x4d696e4861736801ull + 2 * i) | 1;
      b[i] = mix64(0x4d696e4861736801ull + 2 * i + 1);
    }
  }
};

const Permutations& permutations_for(size_t n) {
  static const Permutations p128(128);
  if (n == 128) return p128;
  static thread_local Permutations other(0);
  if (other.a.size() != n) other = Permutations(n);
  return other;
}

}  // namespace

std::vector<uint32_t> minhash(std::span<const uint64_t> hashes, size_t permutations) {
  std::vector<uint32_t> sig(permutations, std::numeric_limits<uint32_t>::max());
  const Permutations& p = permutations_for(permutations);
  const uint64_t* a = p.a.data();
  const uint64_t* b = p.b.data();
  uint32_t* s = sig.data();
  for (uint64_t h : hashes) {
    for (size_t i = 0; i < permutations; ++i) {
      uint32_t v = static_cast<uint32_t>((a[i] * h + b[i]) >> 32);
      s[i] = v < s[i] ? v : s[i];
    }
  }
  return sig;
}

double minhash_similarity(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  if (a.empty() || a.size() != b.size()) return 0;
  size_t equal = 0;
  for (size_t i = 0; i < a.size(); ++i) equal += a[i] == b[i];
  return static_cast<double>(equal) / static_cast<double>(a.size());
}

uint64_t band_key(std::span<const uint32_t> signature, size_t band, size_t rows) {
  uint64_t h = mix64(0x62616e6400000000ull + band);
  for (size_t r = band * rows; r < band * rows + rows && r < signature.size(); ++r)
    h = mix64(h ^ (rotl64(h, 17) + signature[r]));
  return h;
}

std::vector<uint64_t> bottom_k(std::vector<uint64_t> hashes, size_t k, uint32_t& distinct) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  distinct = static_cast<uint32_t>(hashes.size());
  if (hashes.size() > k) hashes.resize(k);
  return hashes;
}

double containment(std::span<const uint64_t> x, size_t x_size, std::span<const uint64_t> y,
                   size_t y_size) {
  if (x.empty()) return 0;
  uint64_t limit = std::numeric_limits<uint64_t>::max();
  if (x_size > x.size()) limit = std::min(limit, x.back());
  if (y_size > y.size() && !y.empty()) limit = std::min(limit, y.back());
  size_t samples = 0, found = 0, j = 0;
  for (uint64_t v : x) {
    if (v > limit) break;
    ++samples;
    while (j < y.size() && y[j] < v) ++j;
    if (j < y.size() && y[j] == v) ++found;
  }
  return samples ? static_cast<double>(found) / static_cast<double>(samples) : 0;
}

uint64_t simhash(std::span<const uint64_t> hashes) {
  // Counts the one bits at each of the 64 positions, eight positions per
  // add: lane b of lanes[j] counts bit 8·b + j. Lanes are 8-bit, so they are
  // flushed into the full counters every 255 hashes.
  uint32_t ones[64] = {};
  constexpr uint64_t kLow = 0x0101010101010101ull;
  for (size_t start = 0; start < hashes.size(); start += 255) {
    uint64_t lanes[8] = {};
    size_t end = std::min(hashes.size(), start + 255);
    for (size_t i = start; i < end; ++i)
      for (int j = 0; j < 8; ++j) lanes[j] += (hashes[i] >> j) & kLow;
    for (int j = 0; j < 8; ++j)
      for (int b = 0; b < 8; ++b) ones[8 * b + j] += (lanes[j] >> (8 * b)) & 0xff;
  }
  uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (2 * uint64_t{ones[bit]} > hashes.size()) out |= uint64_t{1} << bit;
  return out;
}

}  // namespace osprey::analyze
