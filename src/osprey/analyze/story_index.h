// Where the clusterer reads candidate stories and records its decisions.
// The in-memory index (memory_story_index.h) serves tests and benchmarks;
// the SQLite store implements the same interface with tables for stories,
// members, story terms, fingerprints (BLOBs) and the three posting lists
// (content hash, LSH band key, key term), each indexed by (key, time).
//
// Every lookup is bounded by a time range and a limit, so the cost of
// clustering one article depends on the candidates, not on the store's size.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "osprey/analyze/fingerprint.h"
#include "osprey/analyze/story.h"

namespace osprey::analyze {

// One indexed article under one key.
struct Posting {
  int64_t published_at = 0;
  int64_t story_id = 0;
  int64_t article_id = 0;
};

class StoryIndex {
 public:
  virtual ~StoryIndex() = default;

  // Appends to `out` the articles whose normalised text has hash `hash`.
  virtual void find_by_content_hash(uint64_t hash, std::vector<Posting>& out) = 0;

  // Appends to `out` the articles with LSH key `key` (band_key() of one
  // band) published in [from, to]: at most `limit`, newest first.
  virtual void find_by_band(uint64_t key, int64_t from, int64_t to, size_t limit,
                            std::vector<Posting>& out) = 0;

  // Appends to `out` the articles with key term `term` (KeyTerm::key)
  // published in [from, to]: at most `limit`, newest first.
  virtual void find_by_term(std::string_view term, int64_t from, int64_t to, size_t limit,
                            std::vector<Posting>& out) = 0;

  // How many indexed articles have `term`, and how many are indexed (for IDF).
  virtual uint64_t term_articles(std::string_view term) = 0;
  virtual uint64_t article_count() = 0;

  // The story with `id`, or nullptr. The value does not change afterwards
  // (put_story() replaces it).
  virtual std::shared_ptr<const Story> story(int64_t id) = 0;

  // The fingerprint of an indexed article, or nullptr.
  virtual std::shared_ptr<const ArticleFingerprint> fingerprint(int64_t article_id) = 0;

  // Stores `story`, replacing the one with its id; a story with id 0 is new
  // and gets the next id. Returns the id.
  virtual int64_t put_story(Story story) = 0;

  // Indexes an article of story `story_id`: its fingerprint, content hash,
  // LSH keys `band_keys` and key terms, all at fp.published_at.
  virtual void index_article(int64_t article_id, int64_t story_id, const ArticleFingerprint& fp,
                             const std::vector<uint64_t>& band_keys) = 0;
};

}  // namespace osprey::analyze
