// What the clusterer keeps of an article: hashes and sketches of its main
// text for duplicate detection, and its key terms for story matching. A
// plain value, serialisable to bytes (the store keeps it as a BLOB).
//
//   ArticleFingerprint fp = make_fingerprint(article, findings);
//   std::string blob = to_bytes(fp);
//   Result<ArticleFingerprint> back = fingerprint_from_bytes(blob);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "osprey/analyze/key_terms.h"
#include "osprey/model/article.h"
#include "osprey/model/observable.h"
#include "osprey/model/result.h"

namespace osprey::analyze {

// Bumped whenever hashing, shingling or the byte layout changes: stored
// fingerprints of another version must be recomputed from the text.
inline constexpr uint8_t kFingerprintVersion = 1;

struct ArticleFingerprint {
  uint64_t content_hash = 0;      // of the normalised main text; 0 when it has no words
  uint64_t simhash = 0;           // 64-bit SimHash of the word shingles
  uint32_t shingles = 0;          // distinct word shingles of the main text
  std::vector<uint32_t> minhash;  // one minimum per permutation (LSH bands)
  std::vector<uint64_t> sample;   // the smallest shingle hashes, ascending (containment)
  std::vector<KeyTerm> terms;     // see key_terms()
  int64_t published_at = 0;       // Unix seconds, UTC

  bool operator==(const ArticleFingerprint&) const = default;
};

struct FingerprintOptions {
  size_t shingle_words = 3;   // words per shingle
  size_t permutations = 128;  // MinHash signature length
  size_t sample_size = 128;   // bottom-k sample length
  KeyTermOptions terms;
};

// The fingerprint of `article`'s main text and title, with key terms from
// `findings` (the extractor's and the entity matcher's output for the text).
// Never fails: an empty or wordless text gives content_hash 0 and no
// shingles, and such an article is never called a duplicate.
ArticleFingerprint make_fingerprint(const Article& article, const Findings& findings,
                                    const FingerprintOptions& options = {});

// Versioned little-endian bytes of `fp`.
std::string to_bytes(const ArticleFingerprint& fp);

// The fingerprint stored by to_bytes(), or an error for bytes of another
// version, truncated or corrupt bytes. Never reads past `bytes`.
Result<ArticleFingerprint> fingerprint_from_bytes(std::string_view bytes);

}  // namespace osprey::analyze
