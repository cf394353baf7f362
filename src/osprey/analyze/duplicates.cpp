#include "osprey/analyze/duplicates.h"

#include <cstdio>

#include "osprey/analyze/sketches.h"

namespace osprey::analyze {

DuplicateVerdict compare_texts(const ArticleFingerprint& a, const ArticleFingerprint& b,
                               const DuplicateOptions& options) {
  DuplicateVerdict v;
  const ArticleFingerprint& shorter = a.shingles <= b.shingles ? a : b;
  const ArticleFingerprint& longer = a.shingles <= b.shingles ? b : a;
  if (shorter.shingles < options.min_shingles) {
    v.reason = "text too short to compare";
    return v;
  }
  v.jaccard = minhash_similarity(a.minhash, b.minhash);
  v.simhash_distance = hamming_distance(a.simhash, b.simhash);
  if (a.content_hash != 0 && a.content_hash == b.content_hash) {
    v.duplicate = v.exact = true;
    v.containment = 1;
    v.reason = "same normalised text";
    return v;
  }
  v.containment = containment(shorter.sample, shorter.shingles, longer.sample, longer.shingles);
  v.duplicate = v.containment >= options.min_containment;
  char line[96];
  std::snprintf(line, sizeof line, "%.0f%% of the shorter text is in the longer (needs %.0f%%)",
                v.containment * 100, options.min_containment * 100);
  v.reason = line;
  return v;
}

}  // namespace osprey::analyze
