#include "osprey/analyze/fingerprint.h"

#include "osprey/analyze/shingles.h"
#include "osprey/analyze/sketches.h"

namespace osprey::analyze {

ArticleFingerprint make_fingerprint(const Article& article, const Findings& findings,
                                    const FingerprintOptions& options) {
  ArticleFingerprint fp;
  fp.published_at = article.published_at;
  std::vector<uint64_t> words = word_hashes(article.text);
  if (!words.empty()) {
    fp.content_hash = content_hash(article.text);
    std::vector<uint64_t> shingles = shingle_hashes(words, options.shingle_words);
    fp.simhash = simhash(shingles);
    fp.minhash = minhash(shingles, options.permutations);
    fp.sample = bottom_k(std::move(shingles), options.sample_size, fp.shingles);
  }
  fp.terms = key_terms(article, findings, options.terms);
  return fp;
}

}  // namespace osprey::analyze
