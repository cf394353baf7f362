// Is one article a copy of another? Exact copies have the same normalised
// text; near copies (a content farm's republication with a list of other
// headlines before the text and "related posts" after it) contain most of
// the shorter text's shingles. Containment, not Jaccard, is compared: the
// junk around a copy dilutes Jaccard but not the share of the original that
// the copy holds.
#pragma once

#include <string>

#include "osprey/analyze/fingerprint.h"

namespace osprey::analyze {

struct DuplicateOptions {
  double min_containment = 0.8;  // share of the shorter text's shingles found in the longer one
  uint32_t min_shingles = 25;    // texts with fewer distinct shingles are never duplicates
};

struct DuplicateVerdict {
  bool duplicate = false;
  bool exact = false;         // same normalised text
  double containment = 0;     // estimated share of the shorter text found in the longer
  double jaccard = 0;         // MinHash estimate, for the record
  int simhash_distance = 64;  // Hamming distance of the SimHashes, for the record
  std::string reason;         // one line for Assignment::reasons
};

// Compares the main texts of two fingerprints. Symmetric.
DuplicateVerdict compare_texts(const ArticleFingerprint& a, const ArticleFingerprint& b,
                               const DuplicateOptions& options = {});

}  // namespace osprey::analyze
