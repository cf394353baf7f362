// Compact summaries of a set of shingle hashes, and the similarities they
// estimate:
//  - MinHash (one 32-bit minimum per seeded permutation): Jaccard similarity,
//    and the bands that locality-sensitive hashing indexes;
//  - a bottom-k sample (the k smallest distinct hashes): containment of one
//    set in another, which stays high when a copy adds unrelated text around
//    the original, where Jaccard is diluted;
//  - SimHash: a 64-bit sketch whose Hamming distance tracks cosine distance.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace osprey::analyze {

// MinHash signature of `hashes` with `permutations` seeded permutations
// (multiply-shift over the 64-bit hashes). An empty input gives all
// 0xffffffff.
std::vector<uint32_t> minhash(std::span<const uint64_t> hashes, size_t permutations);

// The fraction of equal positions: an estimate of the Jaccard similarity.
// 0 when the signatures differ in length or are empty.
double minhash_similarity(std::span<const uint32_t> a, std::span<const uint32_t> b);

// The key of band `band` (rows [band*rows, band*rows+rows)) of a signature,
// for LSH: two signatures share a key only if the rows are all equal.
uint64_t band_key(std::span<const uint32_t> signature, size_t band, size_t rows);

// The `k` smallest distinct values of `hashes`, ascending. `distinct` is set
// to the number of distinct values in `hashes`.
std::vector<uint64_t> bottom_k(std::vector<uint64_t> hashes, size_t k, uint32_t& distinct);

// The estimated fraction of set X found in set Y, from their bottom-k
// samples (ascending) and the sizes of the whole sets (a sample as large as
// its set is the whole set). Below the smaller of the two samples' largest
// values both samples are complete, so X's values there are checked against
// Y's exactly. 0 when X is empty.
double containment(std::span<const uint64_t> x, size_t x_size, std::span<const uint64_t> y,
                   size_t y_size);

// 64-bit SimHash of `hashes`, each weighted 1.
uint64_t simhash(std::span<const uint64_t> hashes);

inline int hamming_distance(uint64_t a, uint64_t b) {
  return __builtin_popcountll(a ^ b);
}

}  // namespace osprey::analyze
