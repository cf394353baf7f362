// StoryIndex in memory, for tests, benchmarks and one-shot runs. Counts
// what it is asked to read, so tests can check that clustering an article
// reads only its candidates.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "osprey/analyze/story_index.h"

namespace osprey::analyze {

class MemoryStoryIndex final : public StoryIndex {
 public:
  struct Reads {
    uint64_t postings = 0;      // posting entries returned by the find_* calls
    uint64_t stories = 0;       // story() calls that found a story
    uint64_t fingerprints = 0;  // fingerprint() calls that found one
  };

  void find_by_content_hash(uint64_t hash, std::vector<Posting>& out) override;
  void find_by_band(uint64_t key, int64_t from, int64_t to, size_t limit,
                    std::vector<Posting>& out) override;
  void find_by_term(std::string_view term, int64_t from, int64_t to, size_t limit,
                    std::vector<Posting>& out) override;
  uint64_t term_articles(std::string_view term) override;
  uint64_t article_count() override { return articles_; }
  std::shared_ptr<const Story> story(int64_t id) override;
  std::shared_ptr<const ArticleFingerprint> fingerprint(int64_t article_id) override;
  int64_t put_story(Story story) override;
  void index_article(int64_t article_id, int64_t story_id, const ArticleFingerprint& fp,
                     const std::vector<uint64_t>& band_keys) override;

  size_t story_count() const { return stories_.size(); }
  const Reads& reads() const { return reads_; }
  void reset_reads() { reads_ = {}; }

 private:
  // Postings of one key, in order of publication time.
  using PostingList = std::vector<Posting>;
  static void insert(PostingList& list, const Posting& p);
  void read_newest(const PostingList& list, int64_t from, int64_t to, size_t limit,
                   std::vector<Posting>& out);

  std::unordered_map<int64_t, std::shared_ptr<const Story>> stories_;
  std::unordered_map<int64_t, std::shared_ptr<const ArticleFingerprint>> fingerprints_;
  std::unordered_map<uint64_t, PostingList> by_hash_, by_band_, by_term_;
  uint64_t articles_ = 0;
  int64_t next_story_ = 1;
  Reads reads_;
};

}  // namespace osprey::analyze
